"""An editor changes a guidance page and submits it; the head of UKPBJ approves; the public
page shows the change only after the approval."""

import io
import re

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from playwright.sync_api import expect

from cms.models import GuidancePage
from cms.services import EDITOR_GROUP_NAME, HEAD_GROUP_NAME
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "kata-sandi-uji-123"  # UserFactory's password


def log_in(page, base_url, username):
    page.goto(base_url + "/admin/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    expect(page).not_to_have_url(re.compile(r"/admin/login/"))


def open_footer_actions(page):
    """The footer keeps secondary actions (submit, approve) behind a dropdown toggle."""
    page.locator("footer .w-dropdown__toggle.button").click()


def test_editor_submits_head_of_ukpbj_approves(live_server, page, browser):
    call_command("load_initial_content", stdout=io.StringIO())
    editor = UserFactory(username="editor.panduan")
    editor.groups.add(Group.objects.get(name=EDITOR_GROUP_NAME))
    head = UserFactory(username="kepala.ukpbj")
    head.groups.add(Group.objects.get(name=HEAD_GROUP_NAME))
    guidance = GuidancePage.objects.get(slug="dokumen-pembayaran")
    public_url = live_server.url + guidance.url
    new_intro = "BAST, tagihan, kuitansi dan faktur pajak disiapkan sejak barang diterima."

    # The editor edits and submits for moderation.
    log_in(page, live_server.url, editor.username)
    page.goto(f"{live_server.url}/admin/pages/{guidance.pk}/edit/")
    page.locator("#id_intro").fill(new_intro)
    open_footer_actions(page)
    page.locator("button[name=action-submit]").click()
    expect(page.locator(".messages")).to_contain_text("dikirim untuk moderasi")

    # Not public yet.
    page.goto(public_url)
    expect(page.locator("h1")).to_have_text("Dokumen yang ditunggu untuk pembayaran")
    expect(page.locator("main")).not_to_contain_text(new_intro)

    # The head of UKPBJ approves in a separate session.
    context = browser.new_context(locale="id-ID", viewport={"width": 390, "height": 844})
    head_page = context.new_page()
    head_page.set_default_timeout(15_000)
    try:
        log_in(head_page, live_server.url, head.username)
        head_page.goto(f"{live_server.url}/admin/pages/{guidance.pk}/edit/")
        open_footer_actions(head_page)
        head_page.locator(
            "button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"
        ).click()
        expect(head_page.locator(".messages")).to_contain_text(
            "Dokumen yang ditunggu untuk pembayaran"
        )
    finally:
        context.close()

    # The workflow is finished and the public page now shows the change.
    guidance.refresh_from_db()
    assert guidance.workflow_states.get().status == "approved"
    page.goto(public_url)
    expect(page.locator("main")).to_contain_text(new_intro)
