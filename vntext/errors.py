"""Typed errors. Each carries a Vietnamese message for end users (``message_vi``)."""

from __future__ import annotations


class VntextError(Exception):
    """Base class of every error vntext raises on bad input."""

    default_message_vi = "Không xử lý được dữ liệu."

    def __init__(self, message: str | None = None, message_vi: str | None = None) -> None:
        self.message_vi = message_vi or self.default_message_vi
        super().__init__(message or self.message_vi)


class EmptyInputError(VntextError):
    default_message_vi = "Tệp hoặc văn bản rỗng: không có gì để chuyển đổi."


class BinaryInputError(VntextError):
    default_message_vi = (
        "Tệp không phải văn bản, HTML hay .docx (có vẻ là tệp nhị phân, ví dụ ảnh hoặc PDF)."
    )


class UndecodableInputError(VntextError):
    default_message_vi = "Không đọc được bảng mã của tệp văn bản."


class InputTooLargeError(VntextError):
    default_message_vi = "Tệp quá lớn để chuyển đổi."


class UnknownEncodingError(VntextError):
    default_message_vi = "Bảng mã không được hỗ trợ."


class DocxError(VntextError):
    default_message_vi = "Không đọc được tệp Word (.docx)."


class CorruptDocxError(DocxError):
    default_message_vi = "Tệp Word (.docx) bị hỏng hoặc không đúng định dạng, không mở được."


class EncryptedDocxError(DocxError):
    default_message_vi = (
        "Tệp Word được đặt mật khẩu (mã hóa). Hãy gỡ mật khẩu trong Word rồi tải lên lại."
    )


class LegacyDocError(DocxError):
    default_message_vi = (
        "Đây là tệp Word cũ (.doc). Hãy mở bằng Word và lưu lại dưới dạng .docx rồi tải lên lại."
    )
