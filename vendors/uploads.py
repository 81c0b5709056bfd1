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

# 50 megapixels: more than any phone camera or A4 scan at 600 dpi (35 MP).
MAX_IMAGE_PIXELS = 50_000_000


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
    error = ValidationError(
        _("Isi berkas bukan PDF, JPEG atau PNG. Unggah hasil pindai dalam salah satu format itu."),
        code="bad_type",
    )
    if kind is None or kind.mime not in ALLOWED_DOCUMENT_TYPES:
        raise error
    if kind.mime.startswith("image/"):
        decode_image(uploaded, error)
    return kind.mime, size


def decode_image(uploaded, error: ValidationError) -> None:
    """Decode the whole image with Pillow, or raise `error`.

    The magic number alone lets through a polyglot (a JPEG or PNG signature followed by a page
    or a script); a full decode refuses anything that is not really an image.
    """
    from PIL import Image

    uploaded.seek(0)
    try:
        with Image.open(uploaded) as image:
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:  # a small file can decode to gigabytes
                raise ValueError("too many pixels")
            image.load()
    except Exception as exc:  # Pillow raises many types for broken input
        raise error from exc
    finally:
        uploaded.seek(0)
