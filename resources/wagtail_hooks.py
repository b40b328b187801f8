import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import ObjectList
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.snippets.models import register_snippet

from schools.scoping import SchoolScopedSnippetViewSet
from schools.selectors import schools_for_user

from .forms import ResourceForm
from .models import Resource, ResourceKind


def _school_kinds(request):
    return ResourceKind.objects.filter(school__in=schools_for_user(request.user))


class ResourceFilterSet(WagtailFilterSet):
    """The admin list's filters; kinds of the actor's schools only."""

    kind = django_filters.ModelChoiceFilter(label=_("Kind"), queryset=_school_kinds)
    subject = django_filters.CharFilter(label=_("Subject"), lookup_expr="icontains")

    class Meta:
        model = Resource
        fields = ["kind", "subject", "grade", "school_year", "is_staff_only"]


class ResourceViewSet(SchoolScopedSnippetViewSet):
    model = Resource
    icon = "folder-open-inverse"
    menu_label = _("Resources")
    list_display = [
        "title",
        "kind",
        "subject",
        "grade",
        "approved_on",
        "is_staff_only",
        "download_count",
    ]
    filterset_class = ResourceFilterSet
    search_fields = ["title", "authors", "description"]
    copy_view_enabled = False
    edit_handler = ObjectList(Resource.panels, base_form_class=ResourceForm)


class ResourceKindViewSet(SchoolScopedSnippetViewSet):
    model = ResourceKind
    icon = "list-ul"
    menu_label = _("Kinds of resources")
    list_display = ["name", "is_test", "sort_order"]


class ResourcesGroup(ViewSetGroup):
    items = (ResourceViewSet, ResourceKindViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Teaching resources")
    menu_order = 220


register_snippet(ResourcesGroup)
