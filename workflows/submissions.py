"""Reader submissions ("Gửi bài"): the writes and the reads of the inbox.

``create_submission`` turns what a reader sent into a ``Submission`` and a draft
``news.ArticlePage`` under the school's "Tin tức" section, all or nothing:

- the text is escaped (never taken as HTML) and becomes body paragraphs, one per block of lines
  separated by an empty line; the title and text arrive already converted from legacy
  encodings and in NFC (``public_forms.SubmissionForm``);
- photos become Wagtail images and files Wagtail documents in the school's collection, stored
  under random names (a reader's unpublished file cannot be found by guessing its name); the
  photos lose their EXIF/GPS data like every uploaded image (``galleries.signal_handlers``);
- the page is never live and has no owner; the sender's name is its byline only when the sender
  agreed; the contact stays on the ``Submission`` (staff only), never on the page, its
  revisions, its history or the e-mail to the secretaries;
- if anything fails, nothing stays in the database and the files already stored are deleted.

The draft then goes through the school's workflow like any other: a secretary submits it, the
head signs it off, and only then is it published. ``set_submission_status`` records that a
submission was taken up or declined.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import Page

import vntext
from galleries.services import check_photo
from uploads.checks import DOCUMENT_KINDS, check_upload
from uploads.naming import display_name

from .models import Submission, SubmissionFile
from .notifications import notify

INBOX_TITLE = "Tin tức"  # the plan's section (schools/plan.py); content, not an interface string
EXCERPT_LENGTH = 400
PHOTO_EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}


# --- reads ----------------------------------------------------------------------------------


def inbox_section(*, school):
    """The section that receives the drafts: the school's "Tin tức" (a news section), else its
    first news section; ``None`` when it has none."""
    from sections.models import SectionPage

    sections = (
        SectionPage.objects.descendant_of(school.site.root_page)
        .filter(kind="news")
        .order_by("path")
    )
    return sections.filter(title=INBOX_TITLE).first() or sections.first()


def submissions_for(*, school):
    return Submission.objects.for_school(school).select_related("page", "handled_by")


def may_handle(*, user, school) -> bool:
    """The user may read the school's inbox, contacts included, and change a status."""
    from schools.selectors import schools_for_user

    return (
        user.is_authenticated
        and user.has_perm("workflows.change_submission")
        and schools_for_user(user).filter(pk=school.pk).exists()
    )


# --- writes ---------------------------------------------------------------------------------


def _checked_files(*, school, photos, files) -> list:
    problems = [message for message in map(check_photo, photos) if message]
    kinds = []
    for upload in files:
        try:
            kinds.append(
                check_upload(upload, allowed=DOCUMENT_KINDS, max_bytes=school.max_upload_bytes)
            )
        except ValidationError as error:
            problems.extend(error.messages)
    if problems:
        raise ValidationError(problems)
    return kinds


def _photo_extension(upload) -> str:
    """The extension of the photo's real format (its name may say otherwise)."""
    upload.seek(0)
    with PILImage.open(upload) as picture:
        image_format = picture.format
    upload.seek(0)
    return PHOTO_EXTENSIONS.get(image_format, "jpg")


def _random_name(extension: str) -> str:
    return f"gui-bai-{secrets.token_hex(8)}.{extension}"


def _paragraphs(text: str) -> list[tuple[str, str]]:
    blocks = []
    for chunk in text.split("\n\n"):
        lines = [escape(line) for line in chunk.split("\n") if line.strip()]
        if lines:
            blocks.append(("paragraph", f"<p>{'<br/>'.join(lines)}</p>"))
    return blocks


def _free_slug(parent: Page, title: str) -> str:
    base = (vntext.slugify(title) or "bai-gui")[:230]
    candidate, n = base, 1
    while not Page._slug_is_available(candidate, parent):
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def create_submission(
    *,
    school,
    title: str,
    text: str,
    sender_name: str,
    sender_kind: str,
    sender_contact: str,
    show_name: bool = False,
    photos: Sequence = (),
    files: Sequence = (),
) -> Submission:
    """Store a reader's article as a draft in the school's inbox section and tell the school's
    secretaries. Raises ``ValidationError`` (Vietnamese) for a file that is not accepted or when
    the school has no section to receive it; then nothing is written."""
    from news.models import ArticleAttachment, ArticlePage

    kinds = _checked_files(school=school, photos=photos, files=files)
    parent = inbox_section(school=school)
    if parent is None or not ArticlePage.can_create_at(parent):
        raise ValidationError(_("This website does not receive articles at the moment."))
    title = vntext.normalize(title)[:255]
    Image, Document = get_image_model(), get_document_model()
    stored = []
    try:
        with transaction.atomic():
            submission = Submission.objects.create(
                school=school,
                title=title,
                text=text,
                sender_name=sender_name,
                sender_kind=sender_kind,
                sender_contact=sender_contact,
                show_name=show_name,
            )
            images = []
            for n, upload in enumerate(photos, start=1):
                upload.name = _random_name(_photo_extension(upload))
                image = Image(title=f"{title[:240]} – {n}", collection=school.collection)
                image.file = upload  # assigned after creation: sets width and height
                image._set_image_file_metadata()
                image.save()  # galleries' pre_save handler strips the metadata
                stored.append(image)
                images.append(image)
            documents = []
            for upload, kind in zip(files, kinds, strict=True):
                readable = display_name(upload.name, kind.extension)
                upload.seek(0)
                upload.name = _random_name(kind.extension)
                document = Document(title=readable, collection=school.collection)
                document.file = upload
                document._set_document_file_metadata()
                document.save()
                stored.append(document)
                documents.append(document)

            page = ArticlePage(
                title=title,
                slug=_free_slug(parent, title),
                body=[
                    *_paragraphs(text),
                    *[("image", {"image": i, "alt_text": "", "caption": ""}) for i in images],
                ],
                cover_image=images[0] if images else None,
                byline=sender_name[:255] if show_name else "",
                live=False,
                owner=None,
            )
            page.attachments = [
                ArticleAttachment(document=d, title=d.title, sort_order=n)
                for n, d in enumerate(documents)
            ]
            parent.add_child(instance=page)
            page.save_revision(user=None, log_action=False)
            log(instance=page, action="portal.submission.receive", user=None)
            submission.page = page
            submission.save(update_fields=["page"])
            SubmissionFile.objects.bulk_create(
                [SubmissionFile(submission=submission, image=i) for i in images]
                + [SubmissionFile(submission=submission, document=d) for d in documents]
            )
            _notify_secretaries(submission, images=len(images), documents=len(documents))
    except BaseException:
        for obj in stored:
            obj.file.delete(save=False)
        raise
    return submission


def _notify_secretaries(submission: Submission, *, images: int, documents: int) -> None:
    excerpt = submission.text[:EXCERPT_LENGTH]
    if len(submission.text) > EXCERPT_LENGTH:
        excerpt += "…"
    details = _("From: %(name)s (%(kind)s). Photos: %(photos)s. Files: %(files)s.") % {
        "name": submission.sender_name,
        "kind": submission.get_sender_kind_display(),
        "photos": images,
        "files": documents,
    }
    notify(
        school=submission.school,
        recipients=submission.school.group_for("secretary").user_set.all(),
        kind="submission",
        obj=submission,
        message=_("New article from a reader: “%(title)s”") % {"title": submission.title},
        body=f"{details}\n\n{excerpt}",
    )


@transaction.atomic
def set_submission_status(*, submission: Submission, status: str, actor) -> Submission:
    """Mark a submission new, taken up or declined (by ``actor``, who must be allowed to handle
    the school's inbox). The draft article is left as it is."""
    if status not in dict(Submission.STATUS_CHOICES):
        raise ValidationError(_("Choose a status from the list."))
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if not may_handle(user=actor, school=submission.school):
        raise PermissionDenied
    if submission.status == status:
        return submission
    handled = status != Submission.NEW
    submission.status = status
    submission.handled_by = actor if handled else None
    submission.handled_at = timezone.now() if handled else None
    submission.save(update_fields=["status", "handled_by", "handled_at"])
    log(
        instance=submission,
        action="portal.submission.status",
        user=actor,
        data={"status": status, "label": str(submission.get_status_display())},
    )
    return submission


__all__ = [
    "create_submission",
    "inbox_section",
    "may_handle",
    "set_submission_status",
    "submissions_for",
]
