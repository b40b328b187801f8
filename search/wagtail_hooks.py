"""Admin of the site search: promoted results per school (a scoped snippet) and the
"Từ khóa tìm kiếm" report (``admin_views.search_terms_view``)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from schools.scoping import SchoolScopedSnippetViewSet

from .admin_views import report_schools, search_terms_view
from .models import Promotion


class PromotionViewSet(SchoolScopedSnippetViewSet):
    model = Promotion
    icon = "pick"
    menu_label = _("Promoted search results")
    menu_order = 910
    add_to_settings_menu = True
    list_display = ["query", "page", "description", "sort_order"]
    ordering = ["query_key", "sort_order"]
    copy_view_enabled = False


register_snippet(PromotionViewSet)


@hooks.register("register_admin_urls")
def register_search_terms_url():
    return [path("tu-khoa-tim-kiem/", search_terms_view, name="search_terms")]


class SearchTermsMenuItem(MenuItem):
    def is_shown(self, request):
        return report_schools(request.user).exists()


# In the Settings menu beside the promoted results (Wagtail's Reports menu is for superusers
# here: schools.wagtail_hooks.hide_global_reports).
@hooks.register("register_settings_menu_item")
def register_search_terms_menu_item():
    return SearchTermsMenuItem(
        _("Search terms of the school"), reverse("search_terms"), icon_name="search", order=905
    )
