"""Import of a timetable from an Excel workbook (.xlsx).

Layout (the common one: classes as columns, day and period as rows):

- one sheet per session, named “Sáng” and “Chiều”; or a single sheet with a “Buổi” column;
- row 1: “Thứ”, (“Buổi”,) “Tiết”, then one class name per column (6A, 6B, ...);
- from row 2: the day (2–7, “Thứ 2”, “T2” or “Thứ Hai”; may be left empty under a merged cell
  to repeat the day above), (the session: “Sáng”/“Chiều”,) the period (1–5), then per class
  “Subject - Teacher” (“Toán - Thầy An”); an empty cell is a free period.

Every cell is checked and each error names its sheet and cell (“Sáng!C7: missing teacher”).
Nothing is written here: ``read_timetable`` returns the lessons or the errors, and
``services.create_timetable`` writes a valid result in one transaction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

import vntext

from .models import AFTERNOON, MORNING, PERIODS

DAY_HEADING, SESSION_HEADING, PERIOD_HEADING = "Thứ", "Buổi", "Tiết"
SESSION_NAMES = {"sang": MORNING, "chieu": AFTERNOON}
DAY_WORDS = {"hai": 2, "ba": 3, "tu": 4, "nam": 5, "sau": 6, "bay": 7}
MAX_ROWS = 200
MAX_CLASSES = 80


@dataclass
class ParsedTimetable:
    lessons: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    sheets: list[str] = field(default_factory=list)

    @property
    def classes(self) -> list[str]:
        return sorted({lesson["class_name"] for lesson in self.lessons}, key=vntext.sort_key)

    @property
    def teachers(self) -> list[str]:
        return sorted({lesson["teacher"] for lesson in self.lessons}, key=vntext.sort_key)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(vntext.normalize(vntext.to_unicode(str(value))).split())


def _key(value) -> str:
    return vntext.fold(_text(value)).strip()


def _day(value) -> int | None:
    key = _key(value)
    key = re.sub(r"^(thu|t)\s*", "", key)
    if key in DAY_WORDS:
        return DAY_WORDS[key]
    return int(key) if key.isdigit() and 2 <= int(key) <= 7 else None


def _period(value) -> int | None:
    key = _key(value)
    return int(key) if key.isdigit() and int(key) in PERIODS else None


def _layout_error() -> ValidationError:
    return ValidationError(
        _(
            "The file does not follow the timetable layout: row 1 of each sheet must hold "
            "“Thứ”, “Tiết” (or “Thứ”, “Buổi”, “Tiết”), then the class names."
        )
    )


def _cell(sheet, column: int, row: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{sheet}!{get_column_letter(column)}{row}"


def read_timetable(workbook_file) -> ParsedTimetable:
    """Check every cell of the workbook. Raises ``ValidationError`` for a wrong layout."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(workbook_file, read_only=True, data_only=True)
    except Exception as exc:
        raise ValidationError(_("The file cannot be read: use an Excel .xlsx file.")) from exc
    result = ParsedTimetable()
    seen: dict[tuple, str] = {}
    for sheet in workbook.worksheets:
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, ())
        headings = [_key(h) for h in header]
        if not any(headings):
            continue  # an empty sheet (notes, a blank second sheet)
        has_session = len(headings) > 2 and headings[1] == _key(SESSION_HEADING)
        first_class = 3 if has_session else 2
        expected = (DAY_HEADING, SESSION_HEADING, PERIOD_HEADING)
        if not has_session:
            expected = (DAY_HEADING, PERIOD_HEADING)
        if headings[:first_class] != [_key(h) for h in expected] or len(headings) <= first_class:
            raise _layout_error()
        sheet_session = SESSION_NAMES.get(_key(sheet.title))
        if not has_session and sheet_session is None:
            raise ValidationError(
                _(
                    "Sheet “%(sheet)s”: name the sheet “Sáng” or “Chiều”, or add a “Buổi” "
                    "column after “Thứ”."
                )
                % {"sheet": sheet.title}
            )
        result.sheets.append(sheet.title)
        raw_classes = header[first_class:]
        classes = {}
        for offset, name in enumerate(raw_classes):
            column = first_class + offset + 1
            name = _text(name)
            if not name:
                continue
            if name in classes.values():
                result.errors.append(
                    _("%(cell)s: class %(name)s appears twice.")
                    % {"cell": _cell(sheet.title, column, 1), "name": name}
                )
            classes[column] = name
        if len(classes) > MAX_CLASSES:
            raise ValidationError(
                _("At most %(count)s classes per sheet.") % {"count": MAX_CLASSES}
            )
        day = None
        for line, cells in enumerate(rows, start=2):
            if line > MAX_ROWS + 1:
                raise ValidationError(_("At most %(count)s rows per sheet.") % {"count": MAX_ROWS})
            if not any(_text(c) for c in cells):
                continue
            errors = result.errors
            if _text(cells[0]):
                day = _day(cells[0])
                if day is None:
                    errors.append(
                        _("%(cell)s: “%(value)s” is not a day (2 to 7).")
                        % {"cell": _cell(sheet.title, 1, line), "value": _text(cells[0])}
                    )
                    continue
            elif day is None:
                errors.append(_("%(cell)s: missing day.") % {"cell": _cell(sheet.title, 1, line)})
                continue
            session = sheet_session
            if has_session:
                session = SESSION_NAMES.get(_key(cells[1]))
                if session is None:
                    errors.append(
                        _("%(cell)s: the session must be “Sáng” or “Chiều”.")
                        % {"cell": _cell(sheet.title, 2, line)}
                    )
                    continue
            period_cell = cells[first_class - 1] if len(cells) >= first_class else None
            period = _period(period_cell)
            if period is None:
                errors.append(
                    _("%(cell)s: “%(value)s” is not a period (1 to 5).")
                    % {"cell": _cell(sheet.title, first_class, line), "value": _text(period_cell)}
                )
                continue
            for column, class_name in classes.items():
                value = _text(cells[column - 1]) if column - 1 < len(cells) else ""
                if not value:
                    continue
                where = _cell(sheet.title, column, line)
                separator = " - " if " - " in value else "-"
                subject, _sep, teacher = (part.strip() for part in value.rpartition(separator))
                if not _sep:
                    subject, teacher = value, ""
                if not subject:
                    errors.append(_("%(cell)s: missing subject.") % {"cell": where})
                    continue
                if not teacher:
                    errors.append(_("%(cell)s: missing teacher.") % {"cell": where})
                    continue
                if len(subject) > 100 or len(teacher) > 100:
                    errors.append(_("%(cell)s: text too long.") % {"cell": where})
                    continue
                slot = (class_name, day, session, period)
                if slot in seen:
                    errors.append(
                        _("%(cell)s: same class, day, session and period as %(other)s.")
                        % {"cell": where, "other": seen[slot]}
                    )
                    continue
                seen[slot] = where
                result.lessons.append(
                    {
                        "class_name": class_name,
                        "weekday": day,
                        "session": session,
                        "period": period,
                        "subject": subject,
                        "teacher": teacher,
                    }
                )
    if not result.sheets:
        raise _layout_error()
    if not result.lessons and not result.errors:
        result.errors.append(_("The file holds no lessons."))
    return result
