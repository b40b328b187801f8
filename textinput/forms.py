"""The admin form every page type of ours uses: text is cleaned before it is validated."""

from __future__ import annotations

from django import forms
from django.utils.text import slugify as django_slugify
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.fields import RichTextField, StreamField

import vntext

from .cleaning import CleaningReport, clean_block_value, clean_html, clean_text


def clean_form_text(form: forms.ModelForm) -> CleaningReport:
    """Clean every text value of a validated model form in place (but its slug)."""
    report = CleaningReport()
    model_fields = {f.name: f for f in form._meta.model._meta.get_fields()}
    for name, value in list(form.cleaned_data.items()):
        field = model_fields.get(name)
        if isinstance(field, StreamField):
            form.cleaned_data[name] = clean_block_value(field.stream_block, value, report)
        elif isinstance(field, RichTextField):
            form.cleaned_data[name] = clean_html(value, report)
        elif (
            name != "slug"
            and isinstance(value, str)
            and isinstance(form.fields.get(name), forms.CharField)
        ):
            form.cleaned_data[name] = clean_text(value, report)
    form.instance.text_cleaning_report = report
    return report


class VietnameseTextAdminForm(WagtailAdminModelForm):
    """Admin form for snippets and settings: legacy text converted, everything NFC."""

    def clean(self):
        clean_form_text(self)
        return super().clean()


class VietnameseTextPageForm(WagtailAdminPageForm):
    """Converts legacy-encoded text (pasted from old Word files) to Unicode, normalises all text to
    NFC and gives new pages an ASCII slug made by ``vntext.slugify`` ("đ" becomes "d").

    What was converted is left on ``instance.text_cleaning_report`` for the admin to tell the
    editor (``textinput.wagtail_hooks``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields and not self.instance.pk:
            self.fields["slug"].required = False  # made from the title in clean()

    def clean(self):
        clean_form_text(self)
        self._use_vietnamese_slug()
        return super().clean()

    def _use_vietnamese_slug(self) -> None:
        """On a new page, replace an empty slug, or one made automatically from the title by a
        slugify that does not know Vietnamese, by ``vntext.slugify(title)``. Django's slugify drops
        "đ"; the admin's JavaScript turns it into "dj" (its Serbian table)."""
        title = self.cleaned_data.get("title") or ""
        slug = self.cleaned_data.get("slug") or ""
        if self.instance.pk or not title:
            return
        automatic = {
            "",
            django_slugify(title),
            django_slugify(title.replace("đ", "dj").replace("Đ", "Dj")),
        }
        if slug in automatic:
            self.cleaned_data["slug"] = vntext.slugify(title)[:255] or slug
