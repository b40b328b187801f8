"""The public form "Gửi bài" and its challenge, which needs no third-party service.

The challenge is a small sum in words ("Ba cộng bốn bằng mấy?"). The page carries a token signed
with the site's secret key (``django.core.signing``, salted, with the time it was issued); the
token holds a keyed hash of the answer, never the numbers or the answer themselves. A token is
refused when its signature is wrong, when it is older than ``CHALLENGE_MAX_AGE``, when the form
comes back sooner than ``PORTAL_SUBMISSION_MIN_SECONDS`` after it was shown, and after it was
used once. Every refused form is shown again with the sender's text kept and a new question.

``website`` is a honeypot: hidden from sight and from screen readers, left empty by people.
"""

from __future__ import annotations

import re
import secrets
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

import vntext
from galleries.services import check_photo, max_photo_bytes
from textinput.cleaning import CleaningReport
from textinput.cleaning import clean_text as convert_legacy_text
from uploads.checks import DOCUMENT_KINDS, check_upload

from .models import Submission

SALT = "workflows.submission.challenge"
CHALLENGE_MAX_AGE = 4 * 60 * 60  # seconds: time enough to write a long text
MAX_PHOTOS = 10
MAX_FILES = 5
MAX_TOTAL_BYTES = 50 * 1024 * 1024
MAX_TEXT_LENGTH = 20_000
NUMBER_WORDS = (
    gettext_lazy("zero"),
    gettext_lazy("one"),
    gettext_lazy("two"),
    gettext_lazy("three"),
    gettext_lazy("four"),
    gettext_lazy("five"),
    gettext_lazy("six"),
    gettext_lazy("seven"),
    gettext_lazy("eight"),
    gettext_lazy("nine"),
    gettext_lazy("ten"),
)
# Answers in words, folded (no diacritics), whatever the interface language.
_WORD_ANSWERS = {
    "khong": 0, "mot": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "nam": 5, "lam": 5, "sau": 6,
    "bay": 7, "tam": 8, "chin": 9, "muoi": 10,
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_PHONE_RE = re.compile(r"^\+?[\d\s().-]{8,20}$")


# --- the challenge --------------------------------------------------------------------------


def _answer_hash(nonce: str, answer: int) -> str:
    return salted_hmac(SALT, f"{nonce}:{answer}").hexdigest()[:32]


def new_challenge(*, rng: secrets.SystemRandom | None = None) -> tuple[str, str]:
    """A fresh question (in the interface language) and its signed token."""
    rng = rng or secrets.SystemRandom()
    if rng.random() < 0.5:
        a, b = rng.randint(1, 9), 0
        b = rng.randint(1, 10 - a)
        question, answer = _("What is %(a)s plus %(b)s?"), a + b
    else:
        a = rng.randint(2, 10)
        b = rng.randint(1, a - 1)
        question, answer = _("What is %(a)s minus %(b)s?"), a - b
    question = capfirst(question % {"a": NUMBER_WORDS[a], "b": NUMBER_WORDS[b]})
    nonce = secrets.token_urlsafe(12)
    token = signing.dumps(
        {"n": nonce, "h": _answer_hash(nonce, answer), "t": int(time.time())}, salt=SALT
    )
    return question, token


def parse_answer(value: str) -> int | None:
    """The number in ``value``: digits ("7") or a word ("bảy", "bẩy", "Bay", "seven")."""
    folded = vntext.fold(value or "")
    numbers = re.findall(r"\d+", folded)
    if numbers:
        return int(numbers[-1]) if len(numbers) == 1 and len(numbers[0]) <= 3 else None
    translated = {vntext.fold(str(word)): n for n, word in enumerate(NUMBER_WORDS)}
    words = re.sub(r"[^\w\s]", " ", folded).split()
    for word in reversed(words):  # "bằng bảy" → 7
        number = translated.get(word, _WORD_ANSWERS.get(word))
        if number is not None:
            return number
    return None


def check_challenge(token: str, answer: str) -> None:
    """Raise a ``ValidationError`` in the interface language unless ``answer`` answers the
    question of ``token``, in time, for the first time."""
    try:
        payload = signing.loads(token or "", salt=SALT, max_age=CHALLENGE_MAX_AGE)
        nonce, digest, issued = str(payload["n"]), str(payload["h"]), int(payload["t"])
    except signing.SignatureExpired:
        raise ValidationError(
            _("The form was open too long. Please answer the new question and send it again."),
            code="expired",
        ) from None
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise ValidationError(
            _("The check question could not be read. Please answer the new question."),
            code="invalid",
        ) from None
    if time.time() - issued < getattr(settings, "PORTAL_SUBMISSION_MIN_SECONDS", 3):
        raise ValidationError(
            _("The form was sent too quickly. Please check it and send it again."),
            code="too_fast",
        )
    number = parse_answer(answer)
    if number is None or not constant_time_compare(_answer_hash(nonce, number), digest):
        raise ValidationError(
            _("The answer to the check question is not right. Please try the new question."),
            code="wrong",
        )
    if not cache.add(f"workflows:submission-challenge:{nonce}", 1, CHALLENGE_MAX_AGE):
        raise ValidationError(
            _("This form has already been sent. Please answer the new question."),
            code="used",
        )


# --- file fields ----------------------------------------------------------------------------


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented recipe); cleans to a list."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


# --- the form -------------------------------------------------------------------------------


def _clean_text(value: str, *, multiline: bool = False) -> str:
    """Legacy encodings converted, NFC, control characters dropped; one line unless
    ``multiline`` (then line breaks are kept and blank runs shortened)."""
    value = convert_legacy_text(value or "", CleaningReport())
    value = _CONTROL_RE.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    if not multiline:
        return vntext.normalize(value)
    lines = [vntext.normalize(line) for line in value.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


class SubmissionForm(forms.Form):
    """What a reader sends. ``school`` sets the size limit of files; ``question`` and the
    ``challenge`` token come from ``new_challenge`` (a new one each time the form is shown)."""

    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=255,
        error_messages={"required": gettext_lazy("Please give your article a title.")},
    )
    text = forms.CharField(
        label=gettext_lazy("Content"),
        max_length=MAX_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=gettext_lazy("Plain text; leave an empty line between paragraphs."),
        error_messages={"required": gettext_lazy("Please write the content of your article.")},
    )
    photos = MultipleFileField(
        label=gettext_lazy("Photos"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
    )
    files = MultipleFileField(
        label=gettext_lazy("Files"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": ".pdf,.doc,.docx,.xls,.xlsx,.odt,.ods"}),
    )
    sender_name = forms.CharField(
        label=gettext_lazy("Your name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": gettext_lazy("Please give your name.")},
    )
    sender_kind = forms.ChoiceField(
        label=gettext_lazy("You are"),
        choices=Submission.SENDER_KINDS,
        initial="parent",
        widget=forms.RadioSelect,
    )
    sender_contact = forms.CharField(
        label=gettext_lazy("Your phone number or e-mail address"),
        max_length=255,
        help_text=gettext_lazy(
            "Only the editorial board sees it, to reach you about your article."
        ),
        error_messages={
            "required": gettext_lazy("Please give a phone number or an e-mail address.")
        },
    )
    show_name = forms.BooleanField(
        label=gettext_lazy("Show my name as the author if the article is published"),
        required=False,
    )
    answer = forms.CharField(
        label=gettext_lazy("Check question"),
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "text"}),
        help_text=gettext_lazy("Answer in digits or in words."),
        error_messages={"required": gettext_lazy("Please answer the check question.")},
    )
    challenge = forms.CharField(widget=forms.HiddenInput, required=False)
    website = forms.CharField(
        label=gettext_lazy("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = school
        self.question, token = new_challenge()
        self.fields["answer"].label = self.question
        self.fields["challenge"].initial = token
        self.fields["photos"].help_text = _(
            "Up to %(count)s JPEG, PNG, WebP or GIF photos of at most %(size)s MB each."
        ) % {"count": MAX_PHOTOS, "size": max_photo_bytes() // (1024 * 1024)}
        self.fields["files"].help_text = _(
            "Up to %(count)s PDF, Word, Excel or OpenDocument files of at most %(size)s MB each."
        ) % {"count": MAX_FILES, "size": school.max_upload_mb}

    @property
    def is_bot(self) -> bool:
        return bool(str(self.data.get("website", "")).strip())

    def clean_title(self) -> str:
        title = _clean_text(self.cleaned_data["title"])
        if not title:
            raise ValidationError(_("Please give your article a title."))
        return title

    def clean_text(self) -> str:
        text = _clean_text(self.cleaned_data["text"], multiline=True)
        if not text:
            raise ValidationError(_("Please write the content of your article."))
        return text

    def clean_sender_name(self) -> str:
        name = _clean_text(self.cleaned_data["sender_name"])
        if not name:
            raise ValidationError(_("Please give your name."))
        return name

    def clean_sender_contact(self) -> str:
        contact = _clean_text(self.cleaned_data["sender_contact"])
        if "@" in contact:
            try:
                validate_email(contact)
            except ValidationError:
                raise ValidationError(
                    _("This is not a valid e-mail address, e.g. ten@truong.edu.vn.")
                ) from None
            return contact
        digits = re.sub(r"\D", "", contact)
        if not _PHONE_RE.match(contact) or not 9 <= len(digits) <= 15:
            raise ValidationError(
                _("Please give a phone number (e.g. 0912 345 678) or an e-mail address.")
            )
        return contact

    def clean_photos(self) -> list:
        photos = self.cleaned_data["photos"]
        if len(photos) > MAX_PHOTOS:
            raise ValidationError(
                _("Please send at most %(count)s photos.") % {"count": MAX_PHOTOS}
            )
        problems = [message for message in map(check_photo, photos) if message]
        if problems:
            raise ValidationError(problems)
        return photos

    def clean_files(self) -> list:
        files = self.cleaned_data["files"]
        if len(files) > MAX_FILES:
            raise ValidationError(_("Please send at most %(count)s files.") % {"count": MAX_FILES})
        problems = []
        for upload in files:
            try:
                check_upload(upload, allowed=DOCUMENT_KINDS, max_bytes=self.school.max_upload_bytes)
            except ValidationError as error:
                problems.extend(error.messages)
        if problems:
            raise ValidationError(problems)
        return files

    def clean(self):
        cleaned = super().clean()
        if self.is_bot:
            raise ValidationError(
                _("Your article could not be accepted. Please check the form and send it again."),
                code="honeypot",
            )
        uploads = [*cleaned.get("photos", []), *cleaned.get("files", [])]
        if sum(upload.size for upload in uploads) > MAX_TOTAL_BYTES:
            raise ValidationError(
                _("The photos and files together are larger than %(size)s MB.")
                % {"size": MAX_TOTAL_BYTES // (1024 * 1024)}
            )
        if "answer" in cleaned:
            try:
                check_challenge(self.data.get("challenge", ""), cleaned["answer"])
            except ValidationError as error:
                self.add_error("answer", error)
        return cleaned

    @property
    def fields_with_errors(self) -> list:
        """The bound fields with an error, in the order of the form (the error summary)."""
        return [field for field in self if field.errors and not field.is_hidden]

    def submission_data(self) -> dict:
        """The keyword arguments of ``submissions.create_submission``."""
        fields = ("title", "text", "sender_name", "sender_kind", "sender_contact", "show_name")
        data = {name: self.cleaned_data[name] for name in fields}
        return {**data, "photos": self.cleaned_data["photos"], "files": self.cleaned_data["files"]}

    def prepare_redisplay(self) -> SubmissionForm:
        """After a refusal (validate first): the sender's text kept, the new question of this
        form, its answer empty. Chosen files cannot be kept by a browser."""
        self.errors  # noqa: B018 - validate with the data as sent, before it is changed
        data = self.data.copy()
        data["answer"] = ""
        data["challenge"] = self.fields["challenge"].initial
        self.data = data
        return self
