from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchedulesConfig(AppConfig):
    """Weekly work calendar ("Lịch công tác") and timetables ("Thời khóa biểu")."""

    name = "schedules"
    verbose_name = _("Calendars and timetables")
    default_auto_field = "django.db.models.BigAutoField"
