from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms import views as cms_views
from cms.api import api_router
from config.api import api_not_found
from config.health import healthz
from config.sitemaps import index as sitemap_index
from config.sitemaps import section as sitemap_section
from config.sitemaps import sitemaps

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    path("dokumen/", include(wagtaildocs_urls)),
    path("akun/", include("allauth.urls")),
    path("usaha/", include("vendors.urls_self")),
    path("api/v1/me/", include("vendors.api_self")),
    path("api/v2/", api_router.urls),
    path("cari/semua/", cms_views.site_search, name="site_search"),
    path("cari/", include("search.page_urls")),
    path("api/v1/", include("search.urls")),
    path("api/v1/", include("config.api_urls")),
    path("api/v1/", include("procurement.urls_api")),
    # Last under /api/v1/: an unknown API path is a JSON 404 (slash-ended only: APPEND_SLASH).
    re_path(r"^api/v1/.*/$", api_not_found),
    path("belanja/", include("procurement.urls")),
    # An index of per-section sitemaps, each paginated (?p=2) at Sitemap.limit URLs; cached
    # until a product, vendor or page changes (config/sitemaps.py).
    path(
        "sitemap.xml",
        sitemap_index,
        {"sitemaps": sitemaps, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<str:section>.xml",
        sitemap_section,
        {"sitemaps": sitemaps},
        name="sitemap-section",
    ),
    path("penyedia/", include("vendors.urls")),
    path("", include("catalog.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page tree serves everything not matched above; keep it last.
urlpatterns += [path("", include(wagtail_urls))]
