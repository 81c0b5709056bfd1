"""Product photos keep only their pixels: no EXIF (GPS, camera serial), XMP or comments.

Vendors often photograph products at home, and a phone puts the location in the file. Every
photo is re-encoded once, at upload (services.add_product_image, the one path for the
/usaha/produk/ pages and the vendor API), after turning the pixels by their EXIF orientation.
The stored original then carries nothing but pixels (and a colour profile), and so do the
renditions Wagtail makes from it: Willow copies an original's EXIF into every JPEG/WebP
rendition, so re-encoding only at rendition time would not be enough (docs/decisions/0021).
"""

import os
from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from vendors.uploads import MAX_IMAGE_PIXELS

# Formats kept as they are; anything else Wagtail accepts (GIF, AVIF) is stored as PNG.
_SAVE_OPTIONS = {
    "JPEG": ("jpg", {"quality": 90, "optimize": True}),
    "PNG": ("png", {}),
    "WEBP": ("webp", {"quality": 90}),
}
# The only `info` keys written back: a colour profile and PNG transparency are not personal.
_KEPT_INFO = ("icc_profile", "transparency")


def strip_metadata(uploaded) -> ContentFile:
    """Return a re-encoded copy of an uploaded photo with its orientation applied and no
    metadata, or raise a ValidationError on the `image` field."""
    from PIL import Image, ImageOps

    uploaded.seek(0)
    try:
        with Image.open(uploaded) as source:
            if source.width * source.height > MAX_IMAGE_PIXELS:
                raise ValueError("too many pixels")
            source_format = source.format
            upright = ImageOps.exif_transpose(source)  # a loaded copy, turned upright
    except Exception as exc:  # Pillow raises many types for broken input
        raise ValidationError(
            {"image": _("Berkas ini bukan foto JPEG, PNG atau WebP yang utuh.")},
            code="invalid_image",
        ) from exc
    finally:
        uploaded.seek(0)

    target = source_format if source_format in _SAVE_OPTIONS else "PNG"
    extension, options = _SAVE_OPTIONS[target]
    if target == "JPEG" and upright.mode not in ("RGB", "L", "CMYK"):
        upright = upright.convert("RGB")
    options = dict(options)
    for key in _KEPT_INFO:
        if upright.info.get(key) is not None:
            options[key] = upright.info[key]
    # Pillow writes some metadata (XMP, PNG text) from `info` unless told otherwise: drop it
    # all, so only what `options` names reaches the file.
    upright.info = {}
    buffer = BytesIO()
    upright.save(buffer, target, **options)

    stem = os.path.splitext(os.path.basename(getattr(uploaded, "name", "") or "foto"))[0]
    return ContentFile(buffer.getvalue(), name=f"{stem or 'foto'}.{extension}")
