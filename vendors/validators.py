"""Indonesian identifiers and contact details: normalisation and validation.

Each error message names the field in Indonesian and says how to fix it, because vendors read
them on a phone while filling in a form.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_NON_DIGITS = re.compile(r"\D")


def digits_only(value: str) -> str:
    return _NON_DIGITS.sub("", value or "")


def normalize_nib(value: str) -> str:
    """NIB as typed (spaces allowed) -> the 13 digits."""
    return re.sub(r"[\s.\-]", "", value or "")


def validate_nib(value: str) -> None:
    # [0-9], not \d: \d also matches Arabic-Indic and other Unicode digits.
    if not re.fullmatch(r"[0-9]{13}", value or ""):
        raise ValidationError(_("NIB harus 13 digit angka."), code="invalid_nib")


def normalize_npwp(value: str) -> str:
    """NPWP as typed ("01.234.567.8-901.000") -> 16 digits; old 15-digit numbers get a leading 0.

    Only punctuation is removed: letters are left in place so the validator can reject them.
    """
    cleaned = re.sub(r"[\s.\-]", "", value or "")
    if re.fullmatch(r"[0-9]{15}", cleaned):
        cleaned = "0" + cleaned
    return cleaned


def validate_npwp(value: str) -> None:
    if not re.fullmatch(r"[0-9]{16}", value or ""):
        raise ValidationError(
            _("NPWP harus 16 digit angka (NPWP lama 15 digit diawali 0 secara otomatis)."),
            code="invalid_npwp",
        )


def normalize_phone(value: str) -> str:
    """Indonesian phone numbers to +62 form: "0812-3456-7890" and "62812..." -> "+62812..."."""
    raw = (value or "").strip()
    if not raw:
        return ""
    has_plus = raw.startswith("+")
    cleaned = re.sub(r"[\s.\-()]", "", raw.lstrip("+"))
    if not (cleaned.isascii() and cleaned.isdigit()):
        return raw  # leave it for the validator to reject with a message
    if has_plus:
        return "+" + cleaned
    if cleaned.startswith("62"):
        return "+" + cleaned
    if cleaned.startswith("0"):
        return "+62" + cleaned[1:]
    return raw


def validate_phone(value: str) -> None:
    # +62, then an area or mobile prefix that does not start with 0, then 7 to 12 more digits.
    if value and not re.fullmatch(r"\+62[1-9][0-9]{7,11}", value):
        raise ValidationError(
            _("Nomor telepon harus nomor Indonesia, misalnya +6281234567890 atau 081234567890."),
            code="invalid_phone",
        )


def validate_kbli(value: str) -> None:
    if not re.fullmatch(r"[0-9]{5}", value or ""):
        raise ValidationError(
            _("Kode KBLI %(value)s tidak valid: KBLI harus 5 digit angka."),
            code="invalid_kbli",
            params={"value": value},
        )


def validate_kbli_list(values) -> None:
    if not isinstance(values, list):
        raise ValidationError(_("KBLI harus berupa daftar kode 5 digit."), code="invalid_kbli")
    for value in values:
        validate_kbli(str(value))
