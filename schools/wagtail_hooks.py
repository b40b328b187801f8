"""Admin integration for tenancy: the school information screen and page-tree confinement."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from .models import School
from .scoping import guard_urlpatterns
from .selectors import pages_for_user, schools_for_user


class SchoolIndexView(IndexView):
    def get_base_queryset(self):
        return schools_for_user(self.request.user).select_related("site")


class SchoolViewSet(ModelViewSet):
    """ "School information": each school edits its own identity and footer contact block.
    Creating schools is done with ``create_school`` (it builds the whole tree)."""

    model = School
    index_view_class = SchoolIndexView
    icon = "home"
    menu_label = _("School information")
    menu_order = 150
    add_to_admin_menu = True
    list_display = ["name", "hostname", "phone", "email"]
    search_fields = ["name", "short_name"]
    form_fields = [
        "name", "short_name", "governing_body", "logo", "address", "phone", "email",
        "responsible_person", "licence_info", "facebook_url", "zalo_url", "youtube_url",
        "brand_colour",
        "max_upload_mb",
        "grades",
    ]  # fmt: skip
    exclude_form_fields = None
    copy_view_enabled = False
    inspect_view_enabled = False

    def get_urlpatterns(self):
        patterns = [p for p in super().get_urlpatterns() if p.name not in {"add", "delete"}]
        return guard_urlpatterns(patterns, schools_for_user)


@hooks.register("register_admin_viewset")
def register_school_viewset():
    return SchoolViewSet("schools")


@hooks.register("construct_explorer_page_queryset")
def confine_explorer(parent_page, pages, request):
    return pages_for_user(request.user, pages)


@hooks.register("construct_page_chooser_queryset")
def confine_page_chooser(pages, request):
    return pages_for_user(request.user, pages)


@hooks.register("construct_reports_menu")
def hide_global_reports(request, menu_items):
    # See GlobalAdminAreasMiddleware: the reports span every school.
    if not request.user.is_superuser:
        menu_items.clear()
