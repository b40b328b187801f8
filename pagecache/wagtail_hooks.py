"""Tell the page cache what Wagtail served: the page's model (which query parameters it reads,
``rules.PAGE_QUERIES``) and whether the page or an ancestor has view restrictions (such a page
is never kept, whoever asks)."""

from wagtail import hooks


@hooks.register("before_serve_page")
def note_page_for_cache(page, request, serve_args, serve_kwargs):
    if not getattr(request, "pagecache_eligible", False):
        return None
    request.pagecache_page_model = page._meta.label_lower
    if page.get_view_restrictions().exists():
        request.pagecache_private = True
    return None
