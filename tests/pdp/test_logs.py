"""No NPWP/NIK and no document contents in the logs: the real flows logged at DEBUG, and the
redaction filter every configured handler carries (config/logging.py)."""

import logging
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from config.logging import REDACTED, RedactPersonalDataFilter, redact
from tests.factories import UserFactory, VendorMemberFactory, kecamatan
from tests.pdp.helpers import PDF

pytestmark = pytest.mark.django_db

NPWP_TYPED = "01.234.567.8-901.000"
NPWP_DIGITS = "0012345678901000"  # as stored: 16 digits
NPWP_BAD = "01.234.567.8-901.00"
SECRET_PDF = PDF + b"RAHASIA-ISI-DOKUMEN-0012345678901000"
EXE = b"MZ\x90\x00RAHASIA-BUKAN-PDF" + b"\x00" * 64


def _texts(records):
    for record in records:
        yield record.getMessage()
        yield repr(record.args)
        if record.exc_info:
            yield logging.Formatter().formatException(record.exc_info)
        yield repr({k: v for k, v in record.__dict__.items() if k not in ("args", "msg")})


def _assert_clean(records):
    for text in _texts(records):
        assert NPWP_TYPED not in text and NPWP_BAD not in text
        assert NPWP_DIGITS not in text and NPWP_DIGITS[1:] not in text
        assert "RAHASIA" not in text


def test_registration_edits_uploads_and_errors_log_no_npwp_or_file_bytes(client, caplog):
    caplog.set_level(logging.DEBUG)
    user = UserFactory(email="pemilik@contoh.id")
    client.force_login(user)
    usaha = {
        "legal_form": "ud", "name": "UD Sumber Rejeki", "nib": "9120301234567",
        "npwp": NPWP_TYPED, "kbli_codes": "47611", "scale": "mikro", "pkp_status": "non_pkp",
        "description": "",
    }  # fmt: skip
    assert client.post("/usaha/daftar/usaha/", usaha).status_code == 302
    address = {"address": "Jl. Gajah Mada 5", "kecamatan": kecamatan("Batang").pk, "desa": ""}
    assert client.post("/usaha/daftar/alamat/", address).status_code == 302
    # Profile edit with an invalid NPWP: a form error, nothing logged with the value.
    response = client.post("/usaha/daftar/usaha/", {**usaha, "npwp": NPWP_BAD})
    assert response.status_code == 200 and "NPWP harus 16 digit" in response.content.decode()
    # Document upload, accepted and rejected.
    for name, content in (("nib.pdf", SECRET_PDF), ("palsu.pdf", EXE)):
        client.post(
            "/usaha/dokumen/",
            {"kind": "npwp", "number": NPWP_TYPED, "issued_on": "", "expires_on": "",
             "tkdn_percent": "",
             "file": SimpleUploadedFile(name, content, content_type="application/pdf")},
        )  # fmt: skip
    # Error paths: the API refuses the bad NPWP (400), another vendor's document is a 404.
    response = client.patch(
        "/api/v1/me/vendor/steps/usaha/", {"npwp": NPWP_BAD}, content_type="application/json"
    )
    assert response.status_code == 400
    other = VendorMemberFactory(vendor__npwp=NPWP_DIGITS[:-1] + "9")
    assert client.get("/usaha/dokumen/999999/unduh/").status_code == 404
    client.force_login(other.user)
    assert client.get("/usaha/data-saya/").status_code == 200

    assert any(r.name == "django.request" for r in caplog.records)  # the 400 and 404 were logged
    _assert_clean(caplog.records)


def test_every_configured_root_handler_redacts():
    handlers = logging.getLogger().handlers
    assert handlers
    for handler in handlers:
        if type(handler).__module__.startswith("_pytest"):
            continue  # pytest's own capture handlers
        assert any(isinstance(f, RedactPersonalDataFilter) for f in handler.filters), handler


class _Keep(logging.Handler):
    """A handler that keeps each record after its filters ran, and its formatted text."""

    def __init__(self):
        super().__init__()
        self.records, self.lines = [], []
        self.addFilter(RedactPersonalDataFilter())

    def emit(self, record):
        self.records.append(record)
        self.lines.append(self.format(record))


def test_the_filter_redacts_message_args_traceback_and_extra_fields():
    handler = _Keep()
    logger = logging.getLogger("tests.pdp.redaction")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("NPWP %s untuk %s", NPWP_TYPED, "UD Maju", extra={"npwp": NPWP_DIGITS})
        logger.warning({"form": {"npwp": "3325012345678901"}})
        try:
            raise ValueError("NIK 3325 0123 4567 8901 tidak valid; NPWP " + NPWP_DIGITS)
        except ValueError:
            logger.exception("Gagal menyimpan")
        logger.info("NIB 9120301234567, telepon +6281234567890, Rp 1.250.000")
    finally:
        logger.removeHandler(handler)
    output = "\n".join(handler.lines)
    assert NPWP_TYPED not in output and NPWP_DIGITS not in output
    assert "3325012345678901" not in output and "3325 0123 4567 8901" not in output
    assert handler.lines[0] == f"NPWP {REDACTED} untuk UD Maju"
    assert handler.records[0].npwp == REDACTED
    assert f"ValueError: NIK {REDACTED} tidak valid; NPWP {REDACTED}" in handler.lines[2]
    # Shorter numbers are not personal identifiers of this kind and stay readable.
    assert handler.lines[3] == "NIB 9120301234567, telepon +6281234567890, Rp 1.250.000"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("01.234.567.8-901.000", REDACTED),
        ("012345678901000", REDACTED),
        ("0012345678901000", REDACTED),
        ("NIK: 3325-0123-4567-8901.", f"NIK: {REDACTED}."),
        ("9120301234567", "9120301234567"),  # NIB, 13 digits
        ("12345678901234567890", "12345678901234567890"),  # a longer number is left alone
        ("1.234.567", "1.234.567"),
    ],
)
def test_redact(text, expected):
    assert redact(text) == expected


def test_no_code_logs_request_or_form_data_or_file_contents():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    pattern = re.compile(
        r"(log(ger|ging)?\.\w+|print)\([^)]*(request\.(POST|FILES|body|data)|form\.data"
        r"|cleaned_data|\.read\(\))"
    )
    offenders = []
    for app in ("config", "vendors", "catalog", "procurement", "search", "cms", "ops"):
        for path in (root / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for number, line in enumerate(path.read_text().splitlines(), 1):
                if pattern.search(line):
                    offenders.append(f"{path.relative_to(root)}:{number}: {line.strip()}")
    assert offenders == []
