from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TimetablesConfig(AppConfig):
    """Class timetables ("Thời khóa biểu"): versions imported from Excel, public week views."""

    name = "timetables"
    verbose_name = _("Timetables")
    default_auto_field = "django.db.models.BigAutoField"
