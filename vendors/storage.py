"""Private file storage for vendor documents: outside MEDIA_ROOT and without any URL.

Documents (NIB, NPWP, akta...) are served only through a permission-checked view, so asking
the storage for a URL is a programming error, not a fallback to /media/.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible
class PrivateDocumentStorage(FileSystemStorage):
    def __init__(self):
        super().__init__(base_url=None)

    # Read the setting every time so tests (and operators) can move the folder.
    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Dokumen penyedia tidak punya URL publik; pakai tampilan unduh berizin.")


private_document_storage = PrivateDocumentStorage()
