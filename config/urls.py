from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cms import views as cms_views
from cms.api import api_router
from config.health import healthz
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
    path("belanja/", include("procurement.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path("penyedia/", include("vendors.urls")),
    path("", include("catalog.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page tree serves everything not matched above; keep it last.
urlpatterns += [path("", include(wagtail_urls))]
