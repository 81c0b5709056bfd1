import io

import pytest
from django.core.management import call_command
from wagtail.models import Page

from cms.models import (
    CategoryGuidance,
    EventPage,
    GuidancePage,
    NewsPage,
    RegulationPage,
    Topic,
)

pytestmark = pytest.mark.django_db

GUIDANCE_SLUGS = {
    "e-purchasing-langkah-demi-langkah",
    "katalog-v6-dan-toko-daring",
    "usaha-lokal-masuk-katalog-v6",
    "batas-pengadaan-langsung",
    "preferensi-tkdn-pdn",
    "alokasi-40-persen-umk-koperasi",
    "target-serapan-triwulan",
    "dokumen-pembayaran",
}


def load():
    call_command("load_initial_content", stdout=io.StringIO())


def test_creates_the_pages_listed(initial_content):
    assert set(GuidancePage.objects.live().values_list("slug", flat=True)) == GUIDANCE_SLUGS
    regs = {(r.kind, r.number, r.year) for r in RegulationPage.objects.live()}
    assert regs == {("perpres", "16", 2018), ("perpres", "12", 2021), ("perpres", "46", 2025)}
    news = NewsPage.objects.get()
    assert str(news.date) == "2026-02-11"
    assert "MC Batang" in news.source_name
    assert EventPage.objects.get().attendance == 170
    assert Topic.objects.count() == 5
    assert CategoryGuidance.objects.filter(category__slug="atk").exists()


def test_every_guidance_page_states_its_source_and_review_status(initial_content):
    for page in GuidancePage.objects.all():
        assert page.legal_source, page.slug
        # Not checked against the official text inside the project: marked for review.
        assert page.needs_review and page.review_note, page.slug


def test_content_follows_the_domain_facts(client, initial_content):
    thresholds = client.get("/panduan/batas-pengadaan-langsung/").content.decode()
    assert "Rp200 juta" in thresholds and "Rp400 juta" in thresholds
    assert "Perpres 46/2025" in thresholds

    umk = client.get("/panduan/alokasi-40-persen-umk-koperasi/").content.decode()
    assert "40%" in umk and "Pasal 65" in umk

    targets = client.get("/panduan/target-serapan-triwulan/").content.decode()
    for figure in ("15%", "45%", "70%", "100%"):
        assert figure in targets
    assert "bukan aturan nasional" in targets
    assert "Perlu ditinjau editor" in targets

    amended = RegulationPage.objects.get(number="16")
    assert amended.status == "diubah"
    assert {a.amended_by.number for a in amended.amendments.all()} == {"12", "46"}


def test_running_twice_creates_nothing_and_keeps_editor_changes(initial_content):
    page = GuidancePage.objects.get(slug="batas-pengadaan-langsung")
    page.title = "Batas pengadaan langsung (diedit)"
    page.needs_review = False
    page.save_revision().publish()
    counts = (Page.objects.count(), Topic.objects.count(), CategoryGuidance.objects.count())

    load()

    assert (Page.objects.count(), Topic.objects.count(), CategoryGuidance.objects.count()) == counts
    page.refresh_from_db()
    assert page.title == "Batas pengadaan langsung (diedit)"
    assert page.needs_review is False
    assert RegulationPage.objects.get(number="16").amendments.count() == 2


def test_pages_render(client, initial_content):
    for page in Page.objects.live().filter(depth__gte=2):
        response = client.get(page.url)
        assert response.status_code == 200, page.url
