"""Bulk import of official documents from a spreadsheet (.xlsx) plus a zip of their files.

Every row is checked first and reported (row number, what is wrong). Nothing is imported while
any row has an error, unless the user asks to import only the valid rows. The import itself is
one transaction: all the chosen rows and their files, or nothing.

Columns (first sheet, first row = headings, matched without diacritics or case):
Số/ký hiệu | Loại văn bản | Nhóm cơ quan | Cơ quan ban hành | Người ký | Chức vụ | Ngày ban hành |
Ngày hiệu lực | Ngày hết hiệu lực | Lĩnh vực | Trích yếu | Đến/Đi | Công khai | Tệp
("Tệp": file names inside the zip, separated by ";").
"""

from __future__ import annotations

import datetime
import io
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import vntext
from uploads.checks import DOCUMENT_KINDS, check_upload
from uploads.naming import display_name, storage_name

from .models import DocumentFile, DocumentType, OfficialDocument

COLUMNS = {
    "number": "Số/ký hiệu",
    "document_type": "Loại văn bản",
    "issuer_group": "Nhóm cơ quan",
    "issuing_body": "Cơ quan ban hành",
    "signer": "Người ký",
    "signer_position": "Chức vụ",
    "issued_on": "Ngày ban hành",
    "effective_on": "Ngày hiệu lực",
    "expires_on": "Ngày hết hiệu lực",
    "field": "Lĩnh vực",
    "summary": "Trích yếu",
    "direction": "Đến/Đi",
    "is_public": "Công khai",
    "files": "Tệp",
}
REQUIRED = ("number", "document_type", "issuer_group", "issuing_body", "issued_on", "summary")
ISSUER_GROUPS = {
    "state": ("nha nuoc", "bo gd&dt", "bo gddt", "nha nuoc / bo gd&dt", "state"),
    "department": ("so gd&dt", "so gddt", "so", "department"),
    "office": ("phong gd&dt", "phong gddt", "phong", "office"),
    "school": ("nha truong", "truong", "school"),
    "finance": ("tai chinh", "finance"),
    "other": ("khac", "other"),
}
MAX_ROWS = 2000


@dataclass
class ImportRow:
    line: int
    values: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    files: list[tuple[str, bytes]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class ImportReport:
    rows: list[ImportRow]
    file_errors: list[str] = field(default_factory=list)

    @property
    def valid_rows(self) -> list[ImportRow]:
        return [r for r in self.rows if r.ok]

    @property
    def has_errors(self) -> bool:
        return bool(self.file_errors) or any(not r.ok for r in self.rows)


def _key(text) -> str:
    return vntext.fold(str(text or "")).strip()


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return vntext.normalize(vntext.to_unicode(str(value)))


def _date(value, label: str, errors: list[str]) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(str(value).strip(), fmt).date()  # noqa: DTZ007 - a date
        except ValueError:
            continue
    errors.append(
        _("%(column)s: “%(value)s” is not a date (dd/mm/yyyy).") % {"column": label, "value": value}
    )
    return None


def _read_sheet(workbook_file) -> list[tuple[int, dict]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(workbook_file, read_only=True, data_only=True)
    except Exception as exc:
        raise ValidationError(
            _("The spreadsheet cannot be read: use an Excel .xlsx file.")
        ) from exc
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    headings = [_key(cell) for cell in next(rows, ())]
    wanted = {_key(label): name for name, label in COLUMNS.items()}
    positions = {wanted[h]: i for i, h in enumerate(headings) if h in wanted}
    missing = [COLUMNS[name] for name in REQUIRED if name not in positions]
    if missing:
        raise ValidationError(
            _("Columns missing from the first row: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    result = []
    for line, cells in enumerate(rows, start=2):
        if line > MAX_ROWS + 1:
            raise ValidationError(
                _("At most %(count)s rows can be imported at once.") % {"count": MAX_ROWS}
            )
        if not any(c not in (None, "") for c in cells):
            continue
        result.append(
            (line, {name: cells[i] if i < len(cells) else None for name, i in positions.items()})
        )
    return result


def check_import(*, school, workbook_file, zip_file=None) -> ImportReport:
    """Read and check every row; nothing is written."""
    rows = _read_sheet(workbook_file)
    archive_files: dict[str, bytes] = {}
    file_errors: list[str] = []
    if zip_file is not None:
        try:
            with zipfile.ZipFile(zip_file) as archive:
                for info in archive.infolist():
                    if not info.is_dir() and info.file_size <= school.max_upload_bytes:
                        archive_files[_key(info.filename.rsplit("/", 1)[-1])] = archive.read(info)
                    elif not info.is_dir():
                        file_errors.append(
                            _("“%(name)s” in the zip is too large.") % {"name": info.filename}
                        )
        except (zipfile.BadZipFile, OSError):
            file_errors.append(_("The zip file is damaged or is not a zip file."))
    types = {_key(t.name): t for t in DocumentType.objects.filter(school=school)}
    existing = set(
        OfficialDocument.objects.filter(school=school).values_list("number_key", "issued_on")
    )
    seen: dict[tuple[str, datetime.date], int] = {}
    checked = []
    for line, raw in rows:
        row = ImportRow(line=line)
        errors = row.errors
        values = row.values
        for name in REQUIRED:
            if raw.get(name) in (None, ""):
                errors.append(_("%(column)s is required.") % {"column": COLUMNS[name]})
        text = {
            k: vntext.normalize(vntext.to_unicode(str(v)))
            for k, v in raw.items()
            if v not in (None, "") and not isinstance(v, (datetime.date, int, float))
        }
        values.update(
            {
                k: text.get(k, "")
                for k in ("number", "issuing_body", "signer", "signer_position", "field", "summary")
            }
        )
        values["issued_on"] = _date(raw.get("issued_on"), COLUMNS["issued_on"], errors)
        values["effective_on"] = _date(raw.get("effective_on"), COLUMNS["effective_on"], errors)
        values["expires_on"] = _date(raw.get("expires_on"), COLUMNS["expires_on"], errors)
        if raw.get("document_type") not in (None, ""):
            values["document_type"] = types.get(_key(raw["document_type"]))
            if values["document_type"] is None:
                errors.append(
                    _("Unknown document type “%(value)s”.") % {"value": raw["document_type"]}
                )
        group = _key(raw.get("issuer_group"))
        values["issuer_group"] = next(
            (code for code, names in ISSUER_GROUPS.items() if group in names), None
        )
        if group and values["issuer_group"] is None:
            errors.append(
                _("Unknown issuer group “%(value)s”.") % {"value": raw.get("issuer_group")}
            )
        values["direction"] = (
            "outgoing" if _key(raw.get("direction")) in {"di", "outgoing"} else "incoming"
        )
        values["is_public"] = _key(raw.get("is_public")) not in {"khong", "no", "0", "false"}
        if values["number"] and values["issued_on"]:
            key = (OfficialDocument.make_number_key(values["number"]), values["issued_on"])
            if key in existing:
                errors.append(
                    _("Your school already has document %(number)s of this date.")
                    % {"number": values["number"]}
                )
            elif key in seen:
                errors.append(_("Same number and date as row %(line)s.") % {"line": seen[key]})
            seen.setdefault(key, line)
        if (
            values["effective_on"]
            and values["expires_on"]
            and values["expires_on"] <= values["effective_on"]
        ):
            errors.append(_("The document cannot stop being in force before it takes effect."))
        for name in [n.strip() for n in str(raw.get("files") or "").split(";") if n.strip()]:
            data = archive_files.get(_key(name))
            if data is None:
                errors.append(_("File “%(name)s” is not in the zip.") % {"name": name})
                continue
            try:
                check_upload(
                    SimpleUploadedFile(name, data),
                    allowed=DOCUMENT_KINDS,
                    max_bytes=school.max_upload_bytes,
                )
            except ValidationError as error:
                errors.extend(error.messages)
            else:
                row.files.append((name, data))
        checked.append(row)
    return ImportReport(rows=checked, file_errors=file_errors)


@transaction.atomic
def import_documents(
    *, school, report: ImportReport, valid_only: bool = False
) -> list[OfficialDocument]:
    """Write the checked rows; refuses when there are errors and ``valid_only`` is not set."""
    if report.has_errors and not valid_only:
        raise ValidationError(_("The spreadsheet has errors: nothing was imported."))
    created = []
    now = timezone.now()
    for row in report.valid_rows:
        document = OfficialDocument(
            school=school, published_at=now if row.values["is_public"] else None, **row.values
        )
        document.full_clean(exclude=["unit"])
        document.save()
        for order, (name, data) in enumerate(row.files):
            kind = check_upload(
                SimpleUploadedFile(name, data),
                allowed=DOCUMENT_KINDS,
                max_bytes=school.max_upload_bytes,
            )
            stored = DocumentFile(
                document=document,
                sort_order=order,
                title=display_name(name, kind.extension),
                kind=kind.code,
                size=len(data),
            )
            stored.file.save(storage_name(name, kind.extension), io.BytesIO(data), save=False)
            stored.save()
        created.append(document)
    return created
