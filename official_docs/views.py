"""Public pages of the documents registry: the list, a document, its files, the feed.

URLs in ``official_docs/urls.py``. Each view takes the school from ``request.school`` and
leaves the reading to ``selectors``: what cannot be seen answers 404, like what does not exist.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404
from django.template.response import TemplateResponse
from django.views.decorators.clickjacking import xframe_options_sameorigin

from uploads.serving import serve_file_or_404

from . import selectors, services
from .filters import DocumentFilterForm

PAGE_SIZE = 20


def _school(request):
    school = getattr(request, "school", None)
    if school is None:
        raise Http404
    return school


def document_list(request):
    school = _school(request)
    choices = selectors.filter_choices(school=school, user=request.user)
    form = DocumentFilterForm(request.GET, **choices)
    filters = form.filters()
    documents = selectors.list_documents(school=school, user=request.user, filters=filters)
    page_obj = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("page"))
    unit = selectors.find_unit(school=school, pk=filters.unit_id)
    return TemplateResponse(
        request,
        "official_docs/document_list.html",
        {"form": form, "page_obj": page_obj, "filters": filters, "unit": unit},
    )


def document_detail(request, pk: int):
    school = _school(request)
    document = selectors.access_document(school=school, user=request.user, pk=pk)
    files = list(document.files.all())
    return TemplateResponse(
        request,
        "official_docs/document_detail.html",
        {
            "document": document,
            "files": files,
            "preview": next((f for f in files if f.kind == "pdf"), None),
            "related": selectors.list_related(document=document, user=request.user),
        },
    )


def _open(document_file, *, inline: bool):
    return serve_file_or_404(
        document_file.file,
        kind_code=document_file.kind,
        filename=selectors.download_name(document_file),
        inline=inline,
    )


def download_file(request, file_pk: int):
    school = _school(request)
    document_file = selectors.access_document_file(school=school, user=request.user, pk=file_pk)
    response = _open(document_file, inline=False)
    services.record_download(document=document_file.document)
    return response


@xframe_options_sameorigin  # shown in the document page's <iframe>
def preview_file(request, file_pk: int):
    school = _school(request)
    document_file = selectors.access_document_file(school=school, user=request.user, pk=file_pk)
    if document_file.kind != "pdf":
        raise Http404
    return _open(document_file, inline=True)
