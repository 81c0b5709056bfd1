"""Upload checks for vendor documents: by content, never by the file name's extension."""

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

ALLOWED_DOCUMENT_TYPES = {
    "application/pdf": "PDF",
    "image/jpeg": "JPEG",
    "image/png": "PNG",
}


def sniff_document(uploaded) -> tuple[str, int]:
    """Return (content type, size) of an uploaded document, or raise a ValidationError.

    The first bytes decide the type, so an .exe renamed to .pdf is refused.
    """
    size = uploaded.size or 0
    limit = settings.VENDOR_DOCUMENT_MAX_BYTES
    if size > limit:
        raise ValidationError(
            _("Berkas terlalu besar (%(size)s). Ukuran maksimal %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)},
            code="file_too_large",
        )
    if size == 0:
        raise ValidationError(_("Berkas kosong. Pilih berkas PDF, JPEG atau PNG."), code="empty")
    uploaded.seek(0)
    head = uploaded.read(261)
    uploaded.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ALLOWED_DOCUMENT_TYPES:
        raise ValidationError(
            _(
                "Isi berkas bukan PDF, JPEG atau PNG. "
                "Unggah hasil pindai dalam salah satu format itu."
            ),
            code="bad_type",
        )
    return kind.mime, size
