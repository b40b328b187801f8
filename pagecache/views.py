"""Public forms that post without a CSRF token, so that the pages carrying them hold nothing
per visitor and can be cached: the language switch in every page's header.

Their protection against cross-site posts is the browser's own word: ``Sec-Fetch-Site`` (or
``Origin``, or ``Referer``) must name this site (``same_origin_post``). A post that carries none
of them (an old browser, a script) is accepted: it could send the same post directly anyway.
"""

from __future__ import annotations

import functools
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponseForbidden
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language as django_set_language


def is_same_origin(request) -> bool:
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site in ("same-origin", "none")
    own = f"{request.scheme}://{request.get_host()}"
    origin = request.headers.get("Origin")
    if origin is not None:
        return origin == own or origin in settings.CSRF_TRUSTED_ORIGINS
    referer = request.headers.get("Referer")
    if referer is not None:
        parts = urlsplit(referer)
        return f"{parts.scheme}://{parts.netloc}" == own
    return True


def same_origin_post(view):
    """``csrf_exempt``, but a post from another site is refused (403)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "POST" and not is_same_origin(request):
            return HttpResponseForbidden()
        return view(request, *args, **kwargs)

    return csrf_exempt(wrapped)


set_language = same_origin_post(django_set_language)
