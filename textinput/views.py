"""Admin view "Nhập từ Word": upload a .docx, get a draft page to review."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.models import Page

from schools.selectors import pages_for_user
from sections.models import SectionPage, StandardPage

from .services import MAX_DOCX_BYTES, import_word_document


def parents_for_user(user):
    """Sections of the user's schools under which they may add a page."""
    sections = pages_for_user(user, Page.objects.type(SectionPage).order_by("path"))
    return [
        p
        for p in sections
        if p.permissions_for_user(user).can_add_subpage() and StandardPage.can_create_at(p)
    ]


class WordImportForm(forms.Form):
    parent = forms.TypedChoiceField(label=gettext_lazy("Section"), coerce=int)
    title = forms.CharField(
        label=gettext_lazy("Title"),
        required=False,
        max_length=255,
        help_text=gettext_lazy("Leave empty to use the document's first heading."),
    )
    file = forms.FileField(
        label=gettext_lazy("Word file (.docx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx"}),
    )

    def __init__(self, *args, parents, **kwargs):
        super().__init__(*args, **kwargs)
        self.parents = {p.pk: p for p in parents}
        self.fields["parent"].choices = [(p.pk, "— " * (p.depth - 3) + p.title) for p in parents]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_DOCX_BYTES:
            raise ValidationError(
                _("The file is larger than %(size)s MB.") % {"size": MAX_DOCX_BYTES // 2**20}
            )
        return upload


def word_import(request):
    parents = parents_for_user(request.user)
    if not parents:
        raise PermissionDenied
    initial = {"parent": request.GET.get("parent")}
    form = WordImportForm(
        request.POST or None, request.FILES or None, parents=parents, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            result = import_word_document(
                parent=form.parents[form.cleaned_data["parent"]],
                uploaded_file=form.cleaned_data["file"],
                actor=request.user,
                title=form.cleaned_data["title"],
            )
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            messages.success(
                request,
                ngettext(
                    "Draft “%(title)s” created from the Word file with %(images)s image. Review it and submit it.",
                    "Draft “%(title)s” created from the Word file with %(images)s images. Review it and submit it.",
                    result.image_count,
                )
                % {"title": result.page.title, "images": result.image_count},
            )
            if result.report.converted:
                messages.info(request, result.report.message())
            return redirect(reverse("wagtailadmin_pages:edit", args=[result.page.pk]))
    return TemplateResponse(request, "textinput/word_import.html", {"form": form})
