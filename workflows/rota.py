"""The news rota: the plan's "Phần viết tin tức, các tổ luân phiên viết bài theo chủ đề hoạt
động chung của nhà trường" (III.3). Each week one tổ (a sub-section of "Tổ chuyên môn") writes the
school's news on a theme; its head is reminded before the week starts.

Writes (``create_entry``, ``update_entry``, ``generate_rota``, ``send_rota_reminders``) check the
actor's permission, run in one transaction and write Wagtail's audit log; reminders go through
``workflows.notifications.notify`` (stored, then e-mailed by the worker). Reads take the school
first.

When reminders go out (``send_rota_reminders``, run hourly by the worker): from 07:00 local time
until 21:59, for the entries of the current week and of the coming week that have not been
reminded yet. So the whole coming week is announced on Monday at 07:00 a week ahead, and an entry
added later (or for the current week) is announced at the next run within those hours. An entry is
reminded once (``reminded_at``); moving it to another week or tổ clears that mark.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable, Sequence

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log

import vntext
from schools.selectors import schools_for_user

from .models import RotaEntry
from .notifications import notify

logger = logging.getLogger(__name__)

WEEK = datetime.timedelta(days=7)
TEAMS_PARENT_SLUG = "to-chuyen-mon"  # the plan's "Tổ chuyên môn" section (schools/plan.py)
TEAM_HEAD_POSITION = vntext.fold("Tổ trưởng")  # matched in StaffMember.positions, folded
MAX_GENERATED_WEEKS = 52
REMINDER_FIRST_HOUR = 7  # local time: reminders go out from 07:00 ...
REMINDER_LAST_HOUR = 21  # ... until 21:59, never at night
UPCOMING_IN_REMINDER = 4  # weeks of the rota listed in each reminder


def monday_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def week_label(week_start: datetime.date) -> str:
    """``"08/12 – 14/12/2026"``."""
    end = week_start + datetime.timedelta(days=6)
    return f"{week_start:%d/%m} – {end:%d/%m/%Y}"


# --- reads ------------------------------------------------------------------------------------


def teams_parent(*, school):
    """The school's "Tổ chuyên môn" section (a child of its home page), or None."""
    from sections.models import SectionPage

    return (
        SectionPage.objects.child_of(school.site.root_page).filter(slug=TEAMS_PARENT_SLUG).first()
    )


def team_sections(*, school, live_only: bool = True) -> QuerySet:
    """The school's tổ: the sections directly under "Tổ chuyên môn", in the tree's order."""
    from sections.models import SectionPage

    parent = teams_parent(school=school)
    if parent is None:
        return SectionPage.objects.none()
    teams = SectionPage.objects.child_of(parent).order_by("path")
    return teams.live() if live_only else teams


def team_sections_for_user(user) -> QuerySet:
    """Every tổ of the user's schools (the admin's choosers and filters). Three queries."""
    from wagtail.models import Page

    from sections.models import SectionPage

    def children_of(pages) -> Q:
        condition = Q(pk__in=[])
        for page in pages:
            condition |= Q(path__startswith=page.path, depth=page.depth + 1)
        return condition

    roots = Page.objects.filter(sites_rooted_here__school__in=schools_for_user(user))
    parents = SectionPage.objects.filter(children_of(roots), slug=TEAMS_PARENT_SLUG)
    return SectionPage.objects.filter(children_of(parents)).order_by("path")


def is_team_of(section, school) -> bool:
    return team_sections(school=school, live_only=False).filter(pk=section.pk).exists()


def rota_for_weeks(*, school, start: datetime.date, weeks: int) -> list[RotaEntry]:
    """The school's entries of ``weeks`` weeks from the week of ``start``. One query."""
    first = monday_of(start)
    return list(
        RotaEntry.objects.for_school(school)
        .filter(week_start__gte=first, week_start__lt=first + weeks * WEEK)
        .select_related("team")
        .order_by("week_start", "team__path", "pk")
    )


def team_heads(section) -> list:
    """Who answers for a tổ: its responsible people (the "Phân công" screen); failing them, the
    staff members of the unit whose positions say "Tổ trưởng" and who have a user account."""
    from people.models import StaffMember

    heads = [user for user in section.responsible_people.all() if user.is_active]
    if heads:
        return heads
    members = (
        StaffMember.objects.filter(units=section, user__isnull=False, user__is_active=True)
        .select_related("user")
        .order_by("sort_order", "full_name")
    )
    found, seen = [], set()
    for member in members:
        if TEAM_HEAD_POSITION in vntext.fold(member.positions) and member.user_id not in seen:
            seen.add(member.user_id)
            found.append(member.user)
    return found


# --- writes -----------------------------------------------------------------------------------


def _check_permission(actor, school, perm: str) -> None:
    if not actor.has_perm(perm) or not schools_for_user(actor).filter(pk=school.pk).exists():
        raise PermissionDenied


def validate_entry(*, school, week_start: datetime.date | None, team, exclude_pk=None) -> None:
    """Raise a ``ValidationError`` (by field) unless ``week_start`` is a Monday and ``team`` is a
    tổ of ``school`` without another entry that week."""
    from schools.selectors import page_in_school

    errors: dict[str, list[str]] = {}
    if week_start is not None and week_start.weekday() != 0:
        errors["week_start"] = [_("The week must start on a Monday.")]
    if team is not None:
        if not page_in_school(team, school):
            errors["team"] = [_("This section belongs to another school.")]
        elif not is_team_of(team, school):
            errors["team"] = [_("Choose a team (tổ) under the “Tổ chuyên môn” section.")]
    if not errors and week_start is not None and team is not None:
        taken = RotaEntry.objects.for_school(school).filter(week_start=week_start, team=team)
        if exclude_pk is not None:
            taken = taken.exclude(pk=exclude_pk)
        if taken.exists():
            errors["week_start"] = [
                _("%(team)s already has a rota entry for the week starting %(date)s.")
                % {"team": team.title, "date": week_start.strftime("%d/%m/%Y")}
            ]
    if errors:
        raise ValidationError(errors)


def _clean_text(value: str) -> str:
    return vntext.normalize(vntext.to_unicode(value or ""))


def create_entry(*, school, week_start, team, theme: str, notes: str = "", actor) -> RotaEntry:
    _check_permission(actor, school, "workflows.add_rotaentry")
    theme = _clean_text(theme)
    if not theme:
        raise ValidationError({"theme": [_("Give the theme of the week.")]})
    with transaction.atomic():
        validate_entry(school=school, week_start=week_start, team=team)
        entry = RotaEntry.objects.create(
            school=school,
            week_start=week_start,
            team=team,
            theme=theme,
            notes=(notes or "").strip(),
        )
        log(instance=entry, action="wagtail.create", user=actor, content_changed=True)
    return entry


def update_entry(*, entry: RotaEntry, week_start, team, theme: str, notes: str = "", actor):
    """Change an entry; moved to another week or tổ, it will be reminded again."""
    _check_permission(actor, entry.school, "workflows.change_rotaentry")
    theme = _clean_text(theme)
    if not theme:
        raise ValidationError({"theme": [_("Give the theme of the week.")]})
    with transaction.atomic():
        validate_entry(school=entry.school, week_start=week_start, team=team, exclude_pk=entry.pk)
        before = RotaEntry.objects.select_for_update().get(pk=entry.pk)
        moved = before.week_start != week_start or before.team_id != team.pk
        changed = moved or before.theme != theme or before.notes != (notes or "").strip()
        entry.week_start, entry.team, entry.theme = week_start, team, theme
        entry.notes = (notes or "").strip()
        entry.reminded_at = None if moved else before.reminded_at
        entry.save()
        log(instance=entry, action="wagtail.edit", user=actor, content_changed=changed)
    return entry


def generate_rota(
    *, school, start: datetime.date, weeks: int, themes: Sequence[str], actor
) -> list[RotaEntry]:
    """Give ``weeks`` consecutive weeks from the Monday ``start`` to the school's tổ in turn.

    Week ``i`` gets ``themes[i % len(themes)]``. A week that already has an entry is left as it
    is; the turn goes on from its tổ, and the first new week follows the tổ of the last entry
    before ``start``. Running it again with the same arguments creates nothing. Returns the new
    entries."""
    _check_permission(actor, school, "workflows.add_rotaentry")
    themes = [t for t in (_clean_text(t) for t in themes) if t]
    errors: dict[str, list[str]] = {}
    if start.weekday() != 0:
        errors["start"] = [_("The week must start on a Monday.")]
    if not 1 <= weeks <= MAX_GENERATED_WEEKS:
        errors["weeks"] = [_("Choose between 1 and %(max)s weeks.") % {"max": MAX_GENERATED_WEEKS}]
    if not themes:
        errors["themes"] = [_("Give at least one theme.")]
    if errors:
        raise ValidationError(errors)
    teams = list(team_sections(school=school))
    if not teams:
        raise ValidationError(
            _("The school has no team (tổ) under the “Tổ chuyên môn” section yet.")
        )
    order = {team.pk: i for i, team in enumerate(teams)}
    with transaction.atomic():
        # Serialise concurrent runs for the same school (no-op on SQLite, which locks anyway).
        type(school).objects.select_for_update().filter(pk=school.pk).first()
        entries = RotaEntry.objects.for_school(school)
        last_before = entries.filter(week_start__lt=start).order_by("-week_start", "-pk").first()
        previous = order.get(last_before.team_id) if last_before else None
        existing: dict[datetime.date, int] = {}
        for week_start, team_id in (
            entries.filter(week_start__gte=start, week_start__lt=start + weeks * WEEK)
            .order_by("week_start", "pk")
            .values_list("week_start", "team_id")
        ):
            existing[week_start] = team_id  # the week's last entry sets the turn
        created = []
        for i in range(weeks):
            week_start = start + i * WEEK
            if week_start in existing:
                previous = order.get(existing[week_start], previous)
                continue
            turn = 0 if previous is None else (previous + 1) % len(teams)
            created.append(
                RotaEntry(
                    school=school,
                    week_start=week_start,
                    team=teams[turn],
                    theme=themes[i % len(themes)],
                )
            )
            previous = turn
        for entry in created:
            entry.save()
            log(instance=entry, action="wagtail.create", user=actor, content_changed=True)
    return created


def _reminder_text(entry: RotaEntry, upcoming: Iterable[RotaEntry]) -> tuple[str, str]:
    message = _("News rota: %(team)s writes on “%(theme)s” in the week %(week)s") % {
        "team": entry.team.title,
        "theme": entry.theme,
        "week": week_label(entry.week_start),
    }
    lines = [
        _(
            "In the week %(week)s your team writes the school's news on the theme “%(theme)s” "
            "and submits the articles for review in the team's section."
        )
        % {"week": week_label(entry.week_start), "theme": entry.theme}
    ]
    if entry.notes:
        lines += ["", entry.notes]
    lines += ["", _("The rota of the coming weeks:")]
    lines += [
        f"- {week_label(other.week_start)}: {other.team.title} — {other.theme}"
        for other in upcoming
    ]
    return message, "\n".join(lines)


def send_rota_reminders(*, now: datetime.datetime | None = None) -> int:
    """Remind the heads of the tổ whose turn is this week or next week, once per entry.
    Returns the number of entries reminded. See the module docstring for the hours."""
    now = timezone.localtime(now or timezone.now())
    if not REMINDER_FIRST_HOUR <= now.hour <= REMINDER_LAST_HOUR:
        return 0
    this_week = monday_of(now.date())
    due = (
        RotaEntry.objects.filter(
            reminded_at__isnull=True, week_start__in=[this_week, this_week + WEEK]
        )
        .select_related("school__site", "team")
        .prefetch_related("team__responsible_people")
        .order_by("school_id", "week_start", "pk")
    )
    reminded = 0
    with translation.override(settings.LANGUAGE_CODE):
        for entry in due:
            heads = team_heads(entry.team)
            if not heads:
                # Nobody to tell yet: tried again at the next run, once someone is named.
                logger.info("Rota entry %s: %s has no head to remind", entry.pk, entry.team)
                continue
            with transaction.atomic():
                # The conditional update makes "once" hold even if two workers run together.
                claimed = RotaEntry.objects.filter(pk=entry.pk, reminded_at__isnull=True).update(
                    reminded_at=now
                )
                if not claimed:
                    continue
                upcoming = rota_for_weeks(
                    school=entry.school, start=entry.week_start, weeks=UPCOMING_IN_REMINDER
                )
                message, body = _reminder_text(entry, upcoming)
                notify(
                    school=entry.school,
                    recipients=heads,
                    kind="rota",
                    message=message,
                    body=body,
                    url=reverse(
                        "wagtailadmin_pages:add", args=["news", "articlepage", entry.team_id]
                    ),
                )
            reminded += 1
    return reminded
