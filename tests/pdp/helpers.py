"""Shared builders for the personal-data tests: real files in the per-test media folders."""

from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from catalog import services as catalog_services
from vendors import services as vendor_services

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def pdf(name="nib.pdf", marker=b""):
    return SimpleUploadedFile(name, PDF + marker, content_type="application/pdf")


def jpeg(name="foto.jpg"):
    buffer = BytesIO()
    PILImage.new("RGB", (64, 48), (200, 30, 30)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def upload_document(vendor, user, *, kind="nib", marker=b""):
    return vendor_services.upload_document(
        vendor=vendor, user=user, file=pdf(marker=marker), kind=kind, number="DOC-1"
    )


def add_photo(product, user):
    return catalog_services.add_product_image(product=product, user=user, file=jpeg())


def private_path(name: str) -> Path:
    return Path(settings.PRIVATE_MEDIA_ROOT) / name


def media_path(name: str) -> Path:
    return Path(settings.MEDIA_ROOT) / name


def stored_files(root) -> list[Path]:
    root = Path(root)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []
