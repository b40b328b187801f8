import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import ObjectList
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.snippets.models import register_snippet

from schools.scoping import SchoolScopedSnippetViewSet
from schools.selectors import schools_for_user

from .forms import LinkForm
from .models import Link, LinkCategory


def _school_categories(request):
    return LinkCategory.objects.filter(school__in=schools_for_user(request.user))


class LinkFilterSet(WagtailFilterSet):
    """The admin list's filters; the category filter offers the actor's schools' only."""

    category = django_filters.ModelChoiceFilter(label=_("Category"), queryset=_school_categories)

    class Meta:
        model = Link
        fields = ["category", "show_in_footer", "is_broken"]


class LinkViewSet(SchoolScopedSnippetViewSet):
    model = Link
    icon = "link"
    menu_label = _("Links")
    list_display = ["title", "url", "category", "show_in_footer", "is_broken", "sort_order"]
    filterset_class = LinkFilterSet
    search_fields = ["title", "url"]
    ordering = ["sort_order", "title"]
    edit_handler = ObjectList(Link.panels, base_form_class=LinkForm)


class LinkCategoryViewSet(SchoolScopedSnippetViewSet):
    model = LinkCategory
    icon = "list-ul"
    menu_label = _("Link categories")
    list_display = ["name", "sort_order"]
    ordering = ["sort_order", "name"]


class LinksGroup(ViewSetGroup):
    items = (LinkViewSet, LinkCategoryViewSet)
    menu_icon = "link"
    menu_label = _("Links")
    menu_order = 300


register_snippet(LinksGroup)
