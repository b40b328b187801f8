"""Command line: ``python -m vntext convert FILE`` and ``python -m vntext detect FILE``.

Input is sniffed by content: .docx (zip with word/document.xml), HTML, or text in any
supported encoding. Output is UTF-8. Errors print a Vietnamese message on stderr and
exit with status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from typing import Final

from .convert import decode_bytes, detect_encoding, to_unicode
from .docx import convert_docx
from .encodings import canonical
from .errors import (
    BinaryInputError,
    EmptyInputError,
    InputTooLargeError,
    UndecodableInputError,
    UnknownEncodingError,
    VntextError,
)
from .html import convert_html_report

MAX_INPUT_BYTES: Final[int] = 64 * 1024 * 1024
EXIT_ERROR: Final[int] = 2

_BINARY_MAGICS: Final[tuple[tuple[bytes, str], ...]] = (
    (b"\x89PNG\r\n\x1a\n", "ảnh PNG"),
    (b"\xff\xd8\xff", "ảnh JPEG"),
    (b"GIF87a", "ảnh GIF"),
    (b"GIF89a", "ảnh GIF"),
    (b"%PDF", "tệp PDF"),
    (b"RIFF", "tệp âm thanh/ảnh RIFF"),
    (b"\x7fELF", "chương trình"),
    (b"MZ", "chương trình Windows"),
    (b"\x1f\x8b", "tệp nén gzip"),
    (b"Rar!", "tệp nén RAR"),
    (b"7z\xbc\xaf", "tệp nén 7z"),
)
_HTML_RE: Final[re.Pattern[bytes]] = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|p|div|span|table|h[1-6]|ul|ol|font|b|i|br|style)\b",
    re.I | re.S,
)
_CHARSET_RE: Final[re.Pattern[bytes]] = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I
)


def _out(message: str) -> None:
    sys.stdout.write(message + "\n")


def _err(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def _kind(data: bytes) -> str:
    if not data:
        raise EmptyInputError("empty input")
    if data.startswith((b"PK\x03\x04", bytes.fromhex("D0CF11E0A1B11AE1"))):
        return "docx"
    for magic, what in _BINARY_MAGICS:
        if data.startswith(magic):
            raise BinaryInputError(
                f"binary input ({what})", f"Tệp không phải văn bản mà là {what}."
            )
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "text"
    if b"\x00" in head:
        raise BinaryInputError("NUL bytes: binary input")
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    if controls > max(2, len(head) // 50):
        raise BinaryInputError("too many control bytes: binary input")
    if _HTML_RE.match(head.lstrip(b"\xef\xbb\xbf")):
        return "html"
    return "text"


def _read(path: str) -> bytes:
    try:
        if path == "-":
            data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        else:
            with open(path, "rb") as fh:
                data = fh.read(MAX_INPUT_BYTES + 1)
    except IsADirectoryError as exc:
        raise VntextError(str(exc), f"Đây là thư mục, không phải tệp: {path}") from exc
    except FileNotFoundError as exc:
        raise VntextError(str(exc), f"Không tìm thấy tệp: {path}") from exc
    except OSError as exc:
        raise VntextError(str(exc), f"Không đọc được tệp: {path} ({exc.strerror})") from exc
    if len(data) > MAX_INPUT_BYTES:
        raise InputTooLargeError("input too large", "Tệp quá lớn (tối đa 64 MB).")
    return data


def _decode_text(data: bytes, encoding: str | None) -> str:
    text, _ = decode_bytes(data, encoding)
    if "\ufffd" in text and text.count("\ufffd") > max(8, len(text) // 20):
        raise UndecodableInputError("too many undecodable bytes")
    return text


def _convert(args: argparse.Namespace) -> int:
    data = _read(args.file)
    kind = _kind(data)
    if args.encoding and canonical(args.encoding) is None:
        raise UnknownEncodingError(
            f"unknown encoding {args.encoding!r}",
            f"Bảng mã không được hỗ trợ: {args.encoding}. Dùng: tcvn3, tcvn3h, vni, viqr, cp1258, unicode.",
        )
    notes: list[str] = []
    if kind == "docx":
        res = convert_docx(data, embed_images=True)
        out, report = res.html, res.report
        if report.converted:
            notes.append(report.message_vi)
    elif kind == "html":
        m = _CHARSET_RE.search(data[:4096])
        enc = None
        if m and m.group(1).decode("ascii", "replace").lower() in ("windows-1258", "cp1258"):
            enc = "cp1258"
        out, report = convert_html_report(_decode_text(data, enc))
        if report.converted:
            notes.append(report.message_vi)
    else:
        if args.encoding or args.font:
            out = to_unicode(data, encoding=args.encoding, font=args.font)
        else:
            out = to_unicode(_decode_text(data, None))
    if args.output and args.output != "-":
        try:
            with open(args.output, "w", encoding="utf-8", newline="") as fh:
                fh.write(out)
        except OSError as exc:
            raise VntextError(
                str(exc), f"Không ghi được tệp: {args.output} ({exc.strerror})"
            ) from exc
    else:
        sys.stdout.buffer.write(out.encode("utf-8"))
        sys.stdout.flush()
    for note in notes:
        _err(note)
    return 0


def _detect(args: argparse.Namespace) -> int:
    data = _read(args.file)
    kind = _kind(data)
    if kind == "docx":
        res = convert_docx(data, embed_images=True)
        _out("loại: docx")
        _out(f"bảng mã: {', '.join(res.report.encodings) or 'unicode'}")
        if res.report.converted:
            _out(res.report.message_vi)
        return 0
    text = _decode_text(data, None)
    if kind == "html":
        _, report = convert_html_report(text)
        _out("loại: html")
        _out(f"bảng mã: {', '.join(report.encodings) or 'unicode'}")
        return 0
    result = detect_encoding(text, font=args.font)
    _out("loại: văn bản")
    _out(f"bảng mã: {result.encoding}")
    _out(f"độ tin cậy: {result.confidence:.2f}")
    if len(result.encodings) > 1:
        _out(f"các bảng mã: {', '.join(result.encodings)}")
    for start, end, enc in result.segments[:50]:
        _out(f"  {start}-{end}: {enc}")
    if len(result.segments) > 50:
        _out(f"  ... ({len(result.segments) - 50} đoạn nữa)")
    return 0


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        _err(f"Lỗi: tham số không hợp lệ ({message}).")
        raise SystemExit(EXIT_ERROR)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m vntext",
        description="Chuyển mã tiếng Việt (TCVN3, VNI, VIQR...) sang Unicode.",
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    conv = sub.add_parser(
        "convert", help="chuyển tệp văn bản, HTML hoặc .docx sang Unicode (UTF-8)"
    )
    conv.add_argument("file", help="tệp vào ('-' là đầu vào chuẩn)")
    conv.add_argument("--encoding", "-e", help="bảng mã nguồn (mặc định: tự nhận dạng)")
    conv.add_argument("--font", "-f", help="phông chữ nguồn, ví dụ .VnTime, .VnTimeH, VNI-Times")
    conv.add_argument("-o", "--output", help="tệp ra (mặc định: đầu ra chuẩn)")
    conv.set_defaults(func=_convert)
    det = sub.add_parser("detect", help="nhận dạng bảng mã của tệp")
    det.add_argument("file")
    det.add_argument("--font", "-f")
    det.set_defaults(func=_detect)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except VntextError as exc:
        _err(f"Lỗi: {exc.message_vi}")
        return EXIT_ERROR
    except KeyboardInterrupt:
        _err("Đã dừng.")
        return EXIT_ERROR
    except MemoryError:
        _err("Lỗi: không đủ bộ nhớ để xử lý tệp.")
        return EXIT_ERROR
    except Exception as exc:  # noqa: BLE001 - last resort: never a traceback for the user
        _err(f"Lỗi: không xử lý được tệp ({type(exc).__name__}).")
        return EXIT_ERROR
