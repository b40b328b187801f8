from django.contrib import messages
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from sections.models import SectionPage

from .views import parents_for_user, word_import


@hooks.register("register_admin_urls")
def register_word_import_url():
    return [path("word-import/", word_import, name="textinput_word_import")]


class WordImportMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(parents_for_user(request.user))


@hooks.register("register_admin_menu_item")
def register_word_import_menu_item():
    return WordImportMenuItem(
        _("Import from Word"), reverse("textinput_word_import"), icon_name="doc-full", order=250
    )


@hooks.register("register_page_listing_more_buttons")
def word_import_button(page, user, next_url=None, **kwargs):
    if (
        isinstance(page.specific_deferred, SectionPage)
        and page.permissions_for_user(user).can_add_subpage()
    ):
        yield Button(
            _("Import from Word"),
            f"{reverse('textinput_word_import')}?parent={page.pk}",
            icon_name="doc-full",
            priority=60,
        )


def _tell_editor(request, page):
    report = getattr(page, "text_cleaning_report", None)
    if report is not None and report.converted:
        messages.info(request, report.message())


hooks.register("after_create_page", _tell_editor)
hooks.register("after_edit_page", _tell_editor)
