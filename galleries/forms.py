"""Forms of the galleries admin screens."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class MultipleImageInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one ``<input type="file" multiple>``; their content is checked by
    ``galleries.services.check_photo``, not here, so one bad file does not refuse the others."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleImageInput(attrs={"accept": "image/*"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not files and self.required:
            raise ValidationError(self.error_messages["required"], code="required")
        return files


class AddPhotosForm(forms.Form):
    photos = MultipleFileField(
        label=_("Photos"),
        help_text=_("Choose one or more JPEG, PNG, WebP or GIF files, up to %(size)s MB each."),
    )
    captions = forms.CharField(
        label=_("Captions (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "One line per photo, in the order of the files. "
            "You can also write or change captions later in the album's editor."
        ),
    )

    def __init__(self, *args, max_megabytes: int, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["photos"]
        field.help_text = field.help_text % {"size": max_megabytes}

    def caption_lines(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["captions"].splitlines()]
