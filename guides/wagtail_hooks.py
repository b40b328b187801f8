"""The guide's admin URLs and its items in Wagtail's Help menu."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import urls

# Wagtail's own Help items that open English pages on wagtail.org; this guide replaces them.
WAGTAIL_EXTERNAL_HELP_ITEMS = ("editor-guide", "whats-new-in-wagtail-")


@hooks.register("register_admin_urls")
def register_urls():
    return [path("", include(urls))]


@hooks.register("register_help_menu_item")
def my_guide_menu_item():
    return MenuItem(
        _("User guide"), reverse("guides_mine"), name="portal-guide", icon_name="help", order=10
    )


@hooks.register("register_help_menu_item")
def guide_contents_menu_item():
    return MenuItem(
        _("Contents of the user guide"),
        reverse("guides_index"),
        name="portal-guide-contents",
        icon_name="list-ul",
        order=20,
    )


@hooks.register("construct_help_menu")
def drop_wagtail_external_help(request, menu_items):
    menu_items[:] = [
        item for item in menu_items if not item.name.startswith(WAGTAIL_EXTERNAL_HELP_ITEMS)
    ]
