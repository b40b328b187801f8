"""Admin view "Add photos": many photos into one album at once."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import ngettext

from .forms import AddPhotosForm
from .selectors import access_album
from .services import add_photos_to_album, can_add_photos, max_photo_bytes


def add_photos(request, album_id: int):
    """GET: the upload form. POST: add the files through ``add_photos_to_album``, report each
    refused file by name, then open the album's editor (or come back here if nothing was added).

    Another school's album answers 404, like a missing one. For an album of the user's school
    that they may not edit the view raises ``PermissionDenied``, which Wagtail's admin turns
    into its usual "no permission" redirect to the dashboard (403 for XHR requests)."""
    album = access_album(user=request.user, pk=album_id)
    if not can_add_photos(album=album, user=request.user):
        raise PermissionDenied
    posted = request.method == "POST"
    form = AddPhotosForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        max_megabytes=max_photo_bytes() // 2**20,
    )
    if posted and form.is_valid():
        result = add_photos_to_album(
            album=album,
            files=form.cleaned_data["photos"],
            actor=request.user,
            captions=form.caption_lines(),
        )
        for rejected in result.rejected:
            messages.error(request, rejected.message)
        if result.added:
            count = len(result.added)
            messages.success(
                request,
                ngettext(
                    "%(count)s photo added to a draft of “%(title)s”. Review it and publish it.",
                    "%(count)s photos added to a draft of “%(title)s”. Review them and publish them.",
                    count,
                )
                % {"count": count, "title": album.title},
            )
            return redirect(reverse("wagtailadmin_pages:edit", args=[album.pk]))
        return redirect(reverse("galleries_add_photos", args=[album.pk]))
    return TemplateResponse(
        request, "galleries/admin/add_photos.html", {"form": form, "album": album}
    )
