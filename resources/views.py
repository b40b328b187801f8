"""Public pages of the resources library: the list with its facets, a resource, its files
(download, PDF preview, first-page thumbnail) and its answer key.

URLs in ``resources/urls.py``. Each view takes the school from ``request.school`` and leaves
the reading to ``selectors``: what cannot be seen answers 404, like what does not exist.
"""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.views.decorators.clickjacking import xframe_options_sameorigin

from uploads.serving import serve_file_or_404

from . import selectors, services
from .filters import ResourceFilterForm

PAGE_SIZE = 20


def _school(request):
    school = getattr(request, "school", None)
    if school is None:
        raise Http404
    return school


def resource_list(request):
    school = _school(request)
    form = ResourceFilterForm(request.GET)
    filters = form.filters()
    resources = selectors.list_resources(school=school, user=request.user, filters=filters)
    page_obj = Paginator(resources, PAGE_SIZE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "resources/resource_list.html",
        {
            "form": form,
            "filters": filters,
            "facets": selectors.list_facets(school=school, user=request.user, filters=filters),
            "page_obj": page_obj,
        },
    )


def resource_detail(request, pk: int):
    school = _school(request)
    resource = selectors.access_resource(school=school, user=request.user, pk=pk)
    files = list(resource.files.all())
    is_staff = selectors.is_staff_of(school=school, user=request.user)
    return TemplateResponse(
        request,
        "resources/resource_detail.html",
        {
            "resource": resource,
            "files": files,
            "preview": selectors.first_pdf(files),
            "show_answer_key": bool(resource.answer_key)
            and (resource.answer_key_visible or is_staff),
            "is_staff": is_staff,
        },
    )


def _open(fieldfile, *, kind: str, filename: str, inline: bool = False):
    return serve_file_or_404(fieldfile, kind_code=kind, filename=filename, inline=inline)


def download_file(request, file_pk: int):
    school = _school(request)
    resource_file = selectors.access_resource_file(school=school, user=request.user, pk=file_pk)
    response = _open(
        resource_file.file, kind=resource_file.kind, filename=selectors.download_name(resource_file)
    )
    services.record_download(resource=resource_file.resource)
    return response


@xframe_options_sameorigin  # shown in the resource page's <iframe>
def preview_file(request, file_pk: int):
    school = _school(request)
    resource_file = selectors.access_resource_file(school=school, user=request.user, pk=file_pk)
    if resource_file.kind != "pdf":
        raise Http404
    return _open(
        resource_file.file,
        kind="pdf",
        filename=selectors.download_name(resource_file),
        inline=True,
    )


def thumbnail(request, file_pk: int):
    school = _school(request)
    resource_file = selectors.access_resource_file(school=school, user=request.user, pk=file_pk)
    if resource_file.kind != "pdf":
        raise Http404
    name = services.ensure_thumbnail(resource_file)
    if name is None:  # a PDF that cannot be rendered: a generic picture, not a broken image
        return HttpResponseRedirect(static("img/document.svg"))
    response = FileResponse(default_storage.open(name, "rb"), content_type="image/webp")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["Cache-Control"] = "private, max-age=86400"
    return response


def download_answer_key(request, pk: int):
    school = _school(request)
    resource = selectors.access_answer_key(school=school, user=request.user, pk=pk)
    return _open(
        resource.answer_key,
        kind=resource.answer_key_kind,
        filename=selectors.answer_key_name(resource),
    )
