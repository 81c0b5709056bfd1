"""Wagtail: guidance pages and the one back office for UKPBJ staff and editors."""

from .env import env

WAGTAIL_SITE_NAME = "Direktori Penyedia Lokal Batang"
WAGTAILADMIN_BASE_URL = env.str("SITE_BASE_URL", default="http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "csv"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
