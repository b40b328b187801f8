"""Admin integration: "Việc của tôi", notifications, the editorial policy, log actions."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.components import Component
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet

from schools.scoping import SchoolScopedSnippetViewSet
from schools.selectors import schools_for_user

from . import urls
from .forms import EditorialPolicyForm
from .models import EditorialPolicy, Notification


@hooks.register("register_admin_urls")
def register_urls():
    return [path("", include(urls))]


class MyWorkMenuItem(MenuItem):
    def is_shown(self, request):
        return schools_for_user(request.user).exists()


class NotificationsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_authenticated

    def render_component(self, request):
        component = super().render_component(request)
        unread = Notification.objects.for_user(request.user).unread().count()
        if unread:
            component.label = f"{self.label} ({unread})"
        return component


@hooks.register("register_admin_menu_item")
def my_work_menu_item():
    return MyWorkMenuItem(_("My work"), reverse("workflows_my_work"), icon_name="tasks", order=5)


@hooks.register("register_admin_menu_item")
def notifications_menu_item():
    return NotificationsMenuItem(
        _("Notifications"), reverse("workflows_notifications"), icon_name="mail", order=6
    )


class EditorialDashboardPanel(Component):
    order = 50
    template_name = "workflows/dashboard_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        from .selectors import month_report, open_items
        from .views import OVERSIGHT_ROLES, _role_member

        user = self.request.user
        school = schools_for_user(user).select_related("site__root_page").first()
        mine = overdue = 0
        if school is not None:
            items = open_items(school=school, user=user)
            mine = sum(1 for i in items if i.can_act or i.can_review or i.can_assign)
            if _role_member(user, school, OVERSIGHT_ROLES):
                overdue = len(month_report(school=school).overdue)
        unread = Notification.objects.for_user(user).unread().count()
        return {"mine": mine, "overdue": overdue, "unread": unread}


@hooks.register("construct_homepage_panels")
def add_editorial_panel(request, panels):
    if schools_for_user(request.user).exists():
        panels.insert(0, EditorialDashboardPanel(request))


class EditorialPolicyViewSet(SchoolScopedSnippetViewSet):
    model = EditorialPolicy
    icon = "time"
    menu_label = _("Editorial policy")
    add_to_admin_menu = False
    list_display = ["school", "news_days", "document_days", "research_days", "publisher"]
    add_view_enabled = False
    delete_view_enabled = False
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldPanel("school"),
            MultiFieldPanel(
                [FieldPanel("news_days"), FieldPanel("document_days"), FieldPanel("research_days")],
                heading=_("Deadlines after the trigger date (days)"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("review_step_days"),
                    FieldPanel("due_soon_days"),
                    FieldPanel("working_weekdays"),
                    FieldPanel("holidays"),
                ],
                heading=_("Review steps"),
            ),
            FieldPanel("publisher"),
            FieldPanel("head_only_sections"),
        ],
        base_form_class=EditorialPolicyForm,
    )


register_snippet(EditorialPolicyViewSet)


@hooks.register("after_edit_snippet")
def apply_policy(request, instance):
    if isinstance(instance, EditorialPolicy):
        from .services import update_policy

        update_policy(policy=instance, actor=request.user)


@hooks.register("register_log_actions")
def register_review_log_actions(actions):
    @actions.register_action("portal.review.assign")
    class AssignReviewers(LogFormatter):
        label = _("Assign reviewers")

        def format_message(self, log_entry):
            names = ", ".join(log_entry.data.get("reviewers", []))
            return _("Reviewers assigned: %(names)s") % {"names": names}

    actions.register_action("portal.review.approve", _("Review: approve"), _("Reviewer approved"))
    actions.register_action(
        "portal.review.request_changes",
        _("Review: request changes"),
        _("Reviewer requested changes"),
    )


from . import rota_admin  # noqa: E402, F401, I001 (the news rota admin)
from . import submission_admin  # noqa: E402, F401 - the reader submissions inbox
