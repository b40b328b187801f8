from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class SchoolsConfig(AppConfig):
    default = True
    name = "schools"
    label = "schools"
    verbose_name = _("Schools")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signal_handlers
        from .scoping import confine_page_listing_filters

        confine_page_listing_filters()
        signal_handlers.connect()


class ScopedUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's users app with user and group screens confined to the actor's schools."""

    group_viewset = "schools.scoping.ScopedGroupViewSet"
    user_viewset = "schools.scoping.ScopedUserViewSet"
