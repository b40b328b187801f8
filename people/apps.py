from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    """Staff directory and organisation ("Cơ cấu tổ chức", "Tổ chuyên môn")."""

    name = "people"
    verbose_name = _("Staff and units")
    default_auto_field = "django.db.models.BigAutoField"
