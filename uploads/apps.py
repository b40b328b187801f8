from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UploadsConfig(AppConfig):
    """Uploaded files: type checked by content, safe names, safe serving."""

    name = "uploads"
    verbose_name = _("Uploaded files")
