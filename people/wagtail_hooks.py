import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import ObjectList
from wagtail.snippets.models import register_snippet

from schools.scoping import SchoolScopedSnippetViewSet
from schools.selectors import pages_for_user

from .forms import StaffMemberForm
from .models import StaffMember


def _school_units(request):
    from sections.models import SectionPage

    return pages_for_user(request.user, SectionPage.objects.order_by("path"))


class StaffMemberFilterSet(WagtailFilterSet):
    """The admin list's filters; the unit filter offers the actor's schools' sections only."""

    units = django_filters.ModelChoiceFilter(label=_("Unit"), queryset=_school_units)

    class Meta:
        model = StaffMember
        fields = ["units", "is_on_editorial_board", "is_active"]


class StaffMemberViewSet(SchoolScopedSnippetViewSet):
    model = StaffMember
    icon = "group"
    menu_label = _("Staff")
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["full_name", "positions", "unit_list"]
    filterset_class = StaffMemberFilterSet
    search_fields = ["full_name", "positions"]
    ordering = ["sort_order", "full_name"]
    copy_view_enabled = False
    edit_handler = ObjectList(StaffMember.panels, base_form_class=StaffMemberForm)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("units")


register_snippet(StaffMemberViewSet)
