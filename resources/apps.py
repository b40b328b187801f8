from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResourcesConfig(AppConfig):
    """Teaching-resources library ("Tư liệu - Tài nguyên")."""

    name = "resources"
    verbose_name = _("Teaching resources")
    default_auto_field = "django.db.models.BigAutoField"
