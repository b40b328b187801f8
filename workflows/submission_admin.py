"""The secretary's inbox of reader submissions ("Bài gửi từ bạn đọc"), imported by
``wagtail_hooks.py``.

The listing shows the school's submissions (the actor's schools only, ``SchoolScopedSnippetViewSet``)
with a link to each draft article's editor. Opening one shows what the reader sent, the private
contact included, and its status; saving the status goes through
``submissions.set_submission_status``. Nobody adds, copies or deletes submissions here: they come
from the public form; the roles get only the view and change permissions (``schools.plan``).
"""

from __future__ import annotations

from django import forms
from django.urls import reverse
from django.utils.html import format_html, format_html_join, linebreaks
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList, Panel
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, InspectView

from schools.scoping import SchoolScopedSnippetViewSet, school_scoped

from .models import Submission
from .submissions import set_submission_status


def _draft_link(submission):
    if not submission.page_id:
        return ""
    url = reverse("wagtailadmin_pages:edit", args=[submission.page_id])
    return format_html('<a href="{}">{}</a>', url, gettext("Open the draft"))


def _file_links(submission) -> str:
    items = []
    for item in submission.files.select_related("image", "document"):
        if item.image_id:
            url = reverse("wagtailimages:edit", args=[item.image_id])
            items.append((url, item.image.title))
        elif item.document_id:
            url = reverse("wagtaildocs:edit", args=[item.document_id])
            items.append((url, item.document.title))
    if not items:
        return "-"
    links = format_html_join("", '<li><a href="{}">{}</a></li>', items)
    return format_html("<ul>{}</ul>", links)


class SubmissionSummaryPanel(Panel):
    """What the reader sent, read-only, above the status field."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "workflows/admin/submission_summary.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["submission"] = self.instance
            context["draft_link"] = _draft_link(self.instance)
            context["file_links"] = _file_links(self.instance)
            return context


class SubmissionEditView(EditView):
    """Saves only the status, through the service."""

    success_message = _("Status of “%(object)s” saved.")

    def save_instance(self):
        return set_submission_status(
            submission=self.object, status=self.form.cleaned_data["status"], actor=self.request.user
        )


class SubmissionInspectView(InspectView):
    def get_field_label(self, field_name, field):
        if field_name == "files":
            return gettext("Photos and files")
        return super().get_field_label(field_name, field)

    def get_text_display_value(self):
        return linebreaks(self.object.text, autoescape=True)

    def get_page_display_value(self):
        return _draft_link(self.object) or "-"

    def get_files_display_value(self):
        return _file_links(self.object)


class NewSubmissionsMenuItemMixin:
    """The menu label counts the new submissions of the actor's schools."""

    def render_component(self, request):
        component = super().render_component(request)
        count = school_scoped(Submission, request.user).filter(status=Submission.NEW).count()
        if count:
            component.label = f"{self.label} ({count})"
        return component


class SubmissionViewSet(SchoolScopedSnippetViewSet):
    model = Submission
    icon = "form"
    menu_label = _("Reader submissions")
    menu_order = 7
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    edit_view_class = SubmissionEditView
    inspect_view_class = SubmissionInspectView
    list_display = [
        "title",
        "sender_kind",
        "status",
        DateColumn("received_at", label=_("received at"), sort_key="received_at"),
        Column("page", label=_("draft article"), accessor=_draft_link),
    ]
    list_filter = ["status", "sender_kind"]
    search_fields = ["title", "sender_name"]
    search_backend_name = None  # the database's own filtering: submissions are not indexed
    ordering = ["-received_at"]
    inspect_view_fields = [
        "title",
        "text",
        "files",
        "sender_name",
        "sender_kind",
        "sender_contact",
        "show_name",
        "received_at",
        "status",
        "handled_by",
        "handled_at",
        "page",
    ]
    edit_handler = ObjectList(
        [
            SubmissionSummaryPanel(heading=_("What the reader sent")),
            FieldPanel("status", widget=forms.RadioSelect),
        ]
    )

    @property
    def menu_item_class(self):
        base = super().menu_item_class
        return type(base.__name__, (NewSubmissionsMenuItemMixin, base), {})


register_snippet(SubmissionViewSet)


@hooks.register("register_log_actions")
def register_submission_log_actions(actions):
    actions.register_action(
        "portal.submission.receive", _("Received from a reader"), _("Received from a reader")
    )

    @actions.register_action("portal.submission.status")
    class StatusChanged(LogFormatter):
        label = _("Change the status of a reader submission")

        def format_message(self, log_entry):
            return gettext("Status: %(status)s") % {"status": log_entry.data.get("label", "")}
