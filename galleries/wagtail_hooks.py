"""Admin integration of photo albums: the "Add photos" screen and its buttons."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from .models import AlbumPage
from .services import can_add_photos
from .views import add_photos


@hooks.register("register_admin_urls")
def register_add_photos_url():
    return [path("albums/<int:album_id>/add-photos/", add_photos, name="galleries_add_photos")]


def _add_photos_button(page, user, priority):
    specific_class = page.specific_class
    if (
        specific_class is not None
        and issubclass(specific_class, AlbumPage)
        and can_add_photos(album=page, user=user)
    ):
        yield Button(
            _("Add photos"),
            reverse("galleries_add_photos", args=[page.pk]),
            icon_name="image",
            priority=priority,
        )


@hooks.register("register_page_listing_more_buttons")
def add_photos_listing_button(page, user, next_url=None, **kwargs):
    yield from _add_photos_button(page, user, priority=5)


@hooks.register("register_page_header_buttons")
def add_photos_header_button(page, user, view_name=None, next_url=None, **kwargs):
    yield from _add_photos_button(page, user, priority=12)
