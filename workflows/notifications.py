"""Staff notifications: stored for the admin, e-mailed by the worker (never in the request)."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import Notification


def admin_url_for(obj) -> str:
    """The admin page of a workflow item (an edit page), or ''."""
    from django.urls import NoReverseMatch, reverse
    from wagtail.models import Page

    try:
        if isinstance(obj, Page):
            return reverse("wagtailadmin_pages:edit", args=[obj.pk])
        from wagtail.admin.admin_url_finder import AdminURLFinder

        return AdminURLFinder().get_edit_url(obj) or ""
    except NoReverseMatch:
        return ""


def notify(
    *,
    school,
    recipients: Iterable,
    kind: str,
    message: str,
    body: str = "",
    actor=None,
    obj=None,
    url: str = "",
) -> list[Notification]:
    """Store one notification per active recipient (never the actor) and, after the commit,
    have the worker e-mail them. ``message`` is already in Vietnamese (the install's language)."""
    seen, rows = set(), []
    for user in recipients:
        if user is None or user.pk in seen or not user.is_active:
            continue
        if actor is not None and user.pk == actor.pk:
            continue
        seen.add(user.pk)
        rows.append(
            Notification(
                school=school,
                recipient=user,
                actor=actor,
                kind=kind,
                message=str(message)[:500],
                body=str(body),
                url=url or (admin_url_for(obj) if obj is not None else ""),
            )
        )
    created = Notification.objects.bulk_create(rows)
    ids = [n.pk for n in created]  # SQLite and PostgreSQL both return the new keys
    if ids:
        from .tasks import email_notifications

        transaction.on_commit(lambda: email_notifications.enqueue(ids))
    return created


def absolute_url(school, path: str) -> str:
    if not path or path.startswith("http"):
        return path
    return school.site.root_url.rstrip("/") + path


def send_notification_emails(ids: list[int]) -> int:
    """E-mail the given notifications not yet e-mailed; returns the number sent."""
    pending = list(
        Notification.objects.filter(pk__in=ids, emailed_at__isnull=True)
        .select_related("recipient", "school__site", "actor")
        .order_by("pk")
    )
    messages = []
    for note in pending:
        if not note.recipient.email:
            continue
        with translation.override(settings.LANGUAGE_CODE):
            context = {"note": note, "url": absolute_url(note.school, note.url)}
            subject = f"[{note.school.name}] {note.message}"
            text = render_to_string("workflows/email/notification.txt", context)
        messages.append(
            EmailMultiAlternatives(
                subject=subject.replace("\n", " ")[:250],
                body=text,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[note.recipient.email],
            )
        )
    sent = get_connection().send_messages(messages) if messages else 0
    Notification.objects.filter(pk__in=[n.pk for n in pending]).update(emailed_at=timezone.now())
    return sent or 0
