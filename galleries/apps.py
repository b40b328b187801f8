from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GalleriesConfig(AppConfig):
    """Photo albums ("Thư viện ảnh"), and metadata removal from every uploaded image."""

    name = "galleries"
    verbose_name = _("Photo albums")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signal_handlers

        signal_handlers.connect()
