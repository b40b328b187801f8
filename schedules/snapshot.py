"""The published form of a week's entries (plain JSON) and a readable diff of two of them.

No database access here: ``snapshot_entries`` turns ``WorkEntry`` rows into dicts,
``describe_changes`` compares two snapshots entry by entry (matched by the entry's id).
"""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

FIELDS = ("date", "session", "time", "content", "place", "chair", "participants",
          "preparation", "notes")  # fmt: skip


def field_labels() -> dict[str, str]:
    from .models import WorkEntry

    return {name: str(WorkEntry._meta.get_field(name).verbose_name) for name in FIELDS}


def _session_order() -> dict[str, int]:
    from .models import WorkEntry

    return {code: i for i, (code, _label) in enumerate(WorkEntry.SESSIONS)}


def snapshot_entries(entries) -> list[dict]:
    """The entries as JSON-ready dicts, in the order of the calendar (day, session, time)."""
    order = _session_order()
    rows = [
        {
            "id": entry.pk,
            "date": entry.date.isoformat(),
            "session": entry.session,
            "time": entry.time.strftime("%H:%M") if entry.time else "",
            "content": entry.content,
            "place": entry.place,
            "chair": entry.chair,
            "participants": entry.participants,
            "preparation": entry.preparation,
            "notes": entry.notes,
            "sort_order": entry.sort_order or 0,
            "changed": False,
        }
        for entry in entries
    ]
    rows.sort(key=lambda r: (r["date"], order.get(r["session"], 9), r["time"], r["sort_order"]))
    return rows


def _display(row: dict, name: str) -> str:
    from .models import WorkEntry

    value = row.get(name) or ""
    if name == "date" and value:
        return datetime.date.fromisoformat(value).strftime("%d/%m/%Y")
    if name == "session":
        return str(dict(WorkEntry.SESSIONS).get(value, value))
    return value


def _headline(row: dict) -> str:
    date, session, content = _display(row, "date"), _display(row, "session"), row.get("content")
    return f"{date} ({session}): {content}"


def _differences(old: dict, new: dict) -> list[str]:
    return [name for name in FIELDS if (old.get(name) or "") != (new.get(name) or "")]


def differs(old: list[dict], new: list[dict]) -> bool:
    """Whether a reader would see a difference: an entry added, removed, moved or edited."""
    if [row["id"] for row in old] != [row["id"] for row in new]:
        return True
    return any(_differences(before, after) for before, after in zip(old, new, strict=True))


def describe_changes(old: list[dict], new: list[dict]) -> str:
    """One line per added, removed or edited entry; "" when nothing a reader sees changed."""
    before = {row["id"]: row for row in old}
    after = {row["id"]: row for row in new}
    labels = field_labels()
    lines = []
    for row in new:
        previous = before.get(row["id"])
        if previous is None:
            lines.append(_("Added: %(entry)s") % {"entry": _headline(row)})
            continue
        changed = _differences(previous, row)
        if changed:
            details = "; ".join(
                _("%(field)s: “%(old)s” → “%(new)s”")
                % {
                    "field": labels[name],
                    "old": _display(previous, name),
                    "new": _display(row, name),
                }
                for name in changed
            )
            lines.append(
                _("Changed: %(entry)s — %(details)s")
                % {"entry": _headline(previous), "details": details}
            )
    for row in old:
        if row["id"] not in after:
            lines.append(_("Removed: %(entry)s") % {"entry": _headline(row)})
    return "\n".join(lines)


def mark_changed(old: list[dict], new: list[dict]) -> list[dict]:
    """``new`` with ``changed`` set on entries added or edited since ``old`` (and kept on
    entries already marked and unchanged since), so readers see what moved."""
    before = {row["id"]: row for row in old}
    marked = []
    for row in new:
        previous = before.get(row["id"])
        changed = previous is None or bool(_differences(previous, row)) or previous.get("changed")
        marked.append({**row, "changed": bool(changed)})
    return marked
