"""A form mixin that checks uploaded files by content and gives them safe names."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from .checks import check_upload
from .naming import display_name, storage_name


class CheckedFilesFormMixin:
    """For Wagtail admin model forms of school-owned models.

    ``checked_fields``: {field name: allowed kinds} for file fields of the model itself;
    ``checked_formsets``: {relation name: allowed kinds} for child forms (InlinePanel) with a
    ``file`` field, a ``title`` (readable name), ``kind`` and ``size``. The school's
    ``max_upload_bytes`` is the size limit. Child forms are validated after the parent's
    ``clean()``, so the check runs in ``is_valid()``."""

    checked_fields: dict[str, tuple[str, ...]] = {}
    checked_formsets: dict[str, tuple[str, ...]] = {}

    def upload_school(self):
        return getattr(self, "cleaned_data", {}).get("school") or getattr(
            self.instance, "school", None
        )

    def is_valid(self):
        valid = super().is_valid()
        school = self.upload_school()
        if school is None:
            return valid
        ok = True
        for name, allowed in self.checked_fields.items():
            upload = self.cleaned_data.get(name) if hasattr(self, "cleaned_data") else None
            if isinstance(upload, UploadedFile):
                ok &= self._check(
                    self, name, upload, allowed, school, getattr(self.instance, name, None)
                )
        for relation, allowed in self.checked_formsets.items():
            formset = self.formsets.get(relation)
            for form in formset.forms if formset is not None else ():
                upload = getattr(form, "cleaned_data", {}).get("file")
                if isinstance(upload, UploadedFile):
                    ok &= self._check(
                        form, "file", upload, allowed, school, form.instance.file, child=form
                    )
        return valid and ok

    @staticmethod
    def _check(form, field, upload, allowed, school, bound, child=None) -> bool:
        try:
            kind = check_upload(upload, allowed=allowed, max_bytes=school.max_upload_bytes)
        except ValidationError as error:
            form.add_error(field, error)
            return False
        original = upload.name
        upload.name = storage_name(original, kind.extension)
        if bound:  # the model instance already holds the upload: rename it there too
            bound.name = upload.name
        if child is not None:
            child.instance.kind, child.instance.size = kind.code, upload.size
            if not child.cleaned_data.get("title"):
                child.instance.title = display_name(original, kind.extension)
        return True
