"""The Content-Security-Policy in a real browser: no page we serve trips it.

Every securitypolicyviolation event and every "Refused to ..." / "Content Security Policy"
console message is collected; the test fails listing them. Pages: the public site, a vendor
profile, a product, the search page, a vendor's own pages, the buyer dashboard, shortlist and
print page, a public page with Wagtail's userbar for a logged-in editor, and the Wagtail admin
(dashboard, page editor with its preview).
"""

import io

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from PIL import Image as PILImage
from playwright.sync_api import expect

from catalog.models import Category
from catalog.reference import load_categories
from cms.models import GuidancePage
from cms.services import EDITOR_GROUP_NAME
from procurement import services
from tests.factories import (
    ProductFactory,
    ShortlistFactory,
    UserFactory,
    VendorDocumentFactory,
    VendorFactory,
    VendorMemberFactory,
)
from vendors.models import Desa, Kecamatan
from vendors.reference import load_reference_data
from vendors.roles import ensure_ukpbj_group

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n%%EOF\n"


def png() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


COLLECTOR = """
document.addEventListener("securitypolicyviolation", (e) => {
  window.reportCspViolation(
    `${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`
  );
});
"""


class Violations(list):
    def watch(self, context):
        context.expose_function("reportCspViolation", lambda text: self.append(text))
        context.add_init_script(COLLECTOR)

        def on_console(message):
            text = message.text
            if "Content Security Policy" in text or text.startswith("Refused to"):
                self.append(f"console: {text}")

        context.on("console", on_console)


def logged_in_context(browser, live_server, user, violations):
    """A browser context carrying a Django session for user (logins are tested elsewhere)."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 900})
    context.add_cookies(
        [
            {
                "name": django_settings.SESSION_COOKIE_NAME,
                "value": client.cookies[django_settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    violations.watch(context)
    return context


def visit(page, url, violations, seen):
    response = page.goto(url)
    assert response.status < 400, f"{url}: HTTP {response.status}"
    assert response.headers.get("content-security-policy"), f"{url}: no CSP header"
    page.wait_for_load_state("networkidle")
    seen.append(url)


@pytest.fixture
def site(settings, live_server):
    # The userbar builds absolute static URLs from WAGTAILADMIN_BASE_URL: the live server here.
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    if not Kecamatan.objects.exists():
        load_reference_data(Kecamatan, Desa)
    if not Category.objects.exists():
        load_categories(Category)
    call_command("load_initial_content", stdout=io.StringIO())
    vendor = VendorFactory(name="Batik Rifaiyah Kalipucang", description="Batik tulis.")
    product = ProductFactory(vendor=vendor, name="Kain batik tulis Rifaiyah")
    shortlist = ShortlistFactory(title="Seragam batik pegawai")
    services.add_item(shortlist=shortlist, user=shortlist.owner, product=product, quantity=3)
    return vendor, product, shortlist


def test_no_csp_violation_on_public_vendor_and_buyer_pages(browser, live_server, site):
    vendor, product, shortlist = site
    base = live_server.url
    violations, seen = Violations(), []

    context = browser.new_context(locale="id-ID")
    violations.watch(context)
    page = context.new_page()
    for path in [
        "/",
        "/penyedia/",
        vendor.get_absolute_url(),
        product.get_absolute_url(),
        "/cari/?q=batik",
        "/cari/semua/?q=pembayaran",
        "/panduan/",
        GuidancePage.objects.live().first().url,
        "/akun/login/",
        "/akun/signup/",
        "/belanja/masuk/",
    ]:
        visit(page, base + path, violations, seen)
    context.close()

    owner = VendorMemberFactory(vendor=vendor).user
    context = logged_in_context(browser, live_server, owner, violations)
    page = context.new_page()
    for path in ["/usaha/", "/usaha/dokumen/", "/usaha/produk/"]:
        visit(page, base + path, violations, seen)
    context.close()

    context = logged_in_context(browser, live_server, shortlist.owner, violations)
    page = context.new_page()
    for path in ["/belanja/", shortlist.get_absolute_url(), "/belanja/statistik/"]:
        visit(page, base + path, violations, seen)
    services.lock_shortlist(shortlist=shortlist)  # only a locked shortlist is printed
    visit(page, f"{base}/belanja/daftar/{shortlist.pk}/cetak/", violations, seen)
    # The print button works without inline script (static/js/print.js).
    page.evaluate("window.print = () => { window.__printed = true; }")
    page.get_by_role("button", name="Cetak halaman ini").click()
    assert page.evaluate("window.__printed") is True
    context.close()

    assert len(seen) == 18
    assert violations == []


def test_no_csp_violation_in_wagtail_admin_and_userbar(browser, live_server, site):
    base = live_server.url
    violations, seen = Violations(), []
    editor = UserFactory(username="editor.csp")
    editor.groups.add(Group.objects.get(name=EDITOR_GROUP_NAME))
    guidance = GuidancePage.objects.live().first()

    context = logged_in_context(browser, live_server, editor, violations)
    page = context.new_page()
    visit(page, base + "/admin/", violations, seen)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    visit(page, f"{base}/admin/pages/{guidance.pk}/edit/", violations, seen)
    # The live preview panel renders the page in an iframe of our own origin.
    page.locator("button[data-side-panel-toggle='preview']").click()
    expect(page.frame_locator("iframe[title]").first.locator("h1")).to_be_visible()
    page.wait_for_timeout(1000)  # the panel keeps polling for changes: no "network idle"

    # The userbar on a public page, for the logged-in editor: its shadow-DOM menu opens.
    visit(page, base + guidance.url, violations, seen)
    page.locator("wagtail-userbar").locator("#wagtail-userbar-trigger").click()
    expect(page.locator("wagtail-userbar").locator("#wagtail-userbar-items")).to_be_visible()
    context.close()

    # UKPBJ reviews a vendor: its PDF document is previewed in an iframe, a scan as <img>.
    vendor, _product, _shortlist = site
    VendorDocumentFactory(vendor=vendor, file__data=PDF)
    VendorDocumentFactory(
        vendor=vendor, kind="npwp", content_type="image/png", file__filename="npwp.png",
        file__data=png(),
    )  # fmt: skip
    officer = UserFactory(username="petugas.csp")
    officer.groups.add(ensure_ukpbj_group())
    context = logged_in_context(browser, live_server, officer, violations)
    page = context.new_page()
    visit(page, f"{base}/admin/ukpbj/penyedia/{vendor.pk}/", violations, seen)
    expect(page.locator("img.doc-preview-img")).to_have_js_property("naturalWidth", 8)
    frame = page.frame_locator("iframe.doc-preview")
    expect(frame.locator("body")).to_be_attached()
    context.close()

    assert len(seen) == 4
    assert violations == []
