from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet

from schools.scoping import SchoolScopedSnippetViewSet

from .models import Link


class LinkViewSet(SchoolScopedSnippetViewSet):
    model = Link
    icon = "link"
    menu_label = _("Links")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["title", "url", "show_in_footer", "sort_order"]
    list_filter = ["show_in_footer"]
    search_fields = ["title", "url"]
    ordering = ["sort_order", "title"]


register_snippet(LinkViewSet)
