from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import ObjectList
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.snippets.models import register_snippet

from schools.scoping import SchoolScopedSnippetViewSet

from .forms import ResourceForm
from .models import Resource, ResourceKind


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
    list_filter = ["grade", "is_staff_only", "approved_on"]
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
