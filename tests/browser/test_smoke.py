import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_home_page_shows_search_box_in_indonesian(live_server, page):
    page.goto(live_server.url + "/")
    expect(page).to_have_title(re.compile("Direktori Penyedia Lokal Batang"))
    expect(page.locator("html")).to_have_attribute("lang", "id")
    search = page.get_by_label("Cari barang, jasa atau penyedia")
    expect(search).to_be_visible()
    # The skip link is the first thing a keyboard user reaches.
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Lewati ke konten utama")).to_be_focused()


def test_wagtail_admin_login_page_opens(live_server, page):
    page.goto(live_server.url + "/admin/")
    expect(page).to_have_url(re.compile(r"/admin/login/"))
    expect(page.locator("input[name=username]")).to_be_visible()
    expect(page.locator("input[name=password]")).to_be_visible()
