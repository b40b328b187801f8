import django_filters
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.snippets.models import register_snippet

from schools.scoping import SchoolScopedSnippetViewSet
from schools.selectors import schools_for_user

from .admin_views import import_view
from .forms import OfficialDocumentForm
from .models import DocumentType, OfficialDocument


def _school_types(request):
    return DocumentType.objects.filter(school__in=schools_for_user(request.user))


class OfficialDocumentFilterSet(WagtailFilterSet):
    """The admin list's filters; the type filter offers the actor's schools' types only."""

    document_type = django_filters.ModelChoiceFilter(label=_("Type"), queryset=_school_types)
    issued_on = django_filters.DateFromToRangeFilter(
        label=_("Date of issue"), widget=DateRangePickerWidget
    )

    class Meta:
        model = OfficialDocument
        fields = ["issuer_group", "document_type", "field", "is_public", "direction", "issued_on"]


class OfficialDocumentViewSet(SchoolScopedSnippetViewSet):
    model = OfficialDocument
    icon = "doc-full"
    menu_label = _("Official documents")
    list_display = [
        "number",
        "summary",
        "document_type",
        "issued_on",
        "is_public",
        "download_count",
    ]
    filterset_class = OfficialDocumentFilterSet
    search_fields = ["number", "summary", "issuing_body"]
    ordering = ["-issued_on"]
    copy_view_enabled = False
    edit_handler = ObjectList(OfficialDocument.panels, base_form_class=OfficialDocumentForm)


class DocumentTypeViewSet(SchoolScopedSnippetViewSet):
    model = DocumentType
    icon = "list-ul"
    menu_label = _("Document types")
    list_display = ["name", "sort_order"]


class OfficialDocumentsGroup(ViewSetGroup):
    items = (OfficialDocumentViewSet, DocumentTypeViewSet)
    menu_icon = "doc-full"
    menu_label = _("Official documents")
    menu_order = 210


register_snippet(OfficialDocumentsGroup)


@hooks.register("register_admin_urls")
def register_import_url():
    return [path("official-documents/import/", import_view, name="official_docs_import")]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("official_docs.add_officialdocument")


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        _("Import documents"), reverse("official_docs_import"), icon_name="upload", order=215
    )
