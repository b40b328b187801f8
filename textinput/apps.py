from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TextInputConfig(AppConfig):
    """Text entering the CMS: NFC, legacy Vietnamese encodings converted, Word import."""

    name = "textinput"
    verbose_name = _("Text input")
    default_auto_field = "django.db.models.BigAutoField"
