"""What readers see of each guidance block, a regulation's links and PDF, the legal source and
review marker on every starting page, the home page lists, and the collections editors use."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils.html import escape
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection

from catalog.models import Category
from cms.models import GuidanceIndexPage, GuidancePage, RegulationPage
from cms.services import COLLECTION_NAMES, EDITOR_GROUP_NAME
from vendors.models import Kecamatan

pytestmark = pytest.mark.django_db


def test_every_block_type_renders_for_readers(client, initial_content):
    document = Document.objects.create(
        title="Formulir BAST", file=ContentFile(b"%PDF-1.4 contoh", name="formulir-bast.pdf")
    )
    image = Image.objects.create(title="Layar keranjang", file=get_test_image_file())
    regulation = RegulationPage.objects.get(slug="perpres-46-2025")
    atk = Category.objects.get(slug="atk")
    page = GuidanceIndexPage.objects.get().add_child(
        instance=GuidancePage(
            title="Semua blok",
            slug="semua-blok",
            body=[
                {"type": "rich_text", "value": "<p>Teks pembuka.</p>"},
                {
                    "type": "steps",
                    "value": {
                        "heading": "Langkahnya",
                        "steps": [
                            {"title": "Buka keranjang", "body": "<p>Satu.</p>", "image": image.pk},
                            {"title": "Buat paket", "body": "<p>Dua.</p>", "image": None},
                        ],
                    },
                },
                *[
                    {
                        "type": "callout",
                        "value": {"kind": kind, "title": kind, "body": "<p>x</p>", "source": ""},
                    }
                    for kind in ("info", "warning", "rule")
                ],
                {
                    "type": "faq",
                    "value": {
                        "heading": "Tanya jawab",
                        "items": [{"question": "Boleh mencicil?", "answer": "<p>Tidak.</p>"}],
                    },
                },
                {
                    "type": "documents",
                    "value": {
                        "heading": "Unduhan",
                        "documents": [{"document": document.pk, "title": ""}],
                    },
                },
                {
                    "type": "category_links",
                    "value": {
                        "heading": "Cari di katalog lokal",
                        "links": [{"category": atk.pk, "label": "Cari ATK lokal"}],
                    },
                },
                {
                    "type": "related_regulations",
                    "value": {"heading": "Regulasi terkait", "regulations": [regulation.pk]},
                },
            ],
        )
    )
    page.save_revision().publish()

    body = client.get(page.url).content.decode()
    assert '<ol class="steps">' in body
    assert body.index("Buka keranjang") < body.index("Buat paket")
    assert body.count("<img") == 1  # only the step with a screenshot
    for label in ("Info: info", "Peringatan: warning", "Aturan: rule"):
        assert label in body
    assert "<summary>Boleh mencicil?</summary>" in body
    assert f'href="{document.url}" download>Formulir BAST</a>' in body
    assert ">Cari ATK lokal</a>" in body and 'href="/kategori/atk/"' in body
    assert 'href="/regulasi/perpres-46-2025/"' in body
    assert "Peraturan Presiden Nomor 46 Tahun 2025" in body


def test_regulation_page_links_its_amendments_and_official_pdf(client, initial_content):
    base = client.get("/regulasi/perpres-16-2018/").content.decode()
    assert "Diubah atau dicabut oleh" in base
    assert 'href="/regulasi/perpres-12-2021/"' in base
    assert 'href="/regulasi/perpres-46-2025/"' in base
    # The other side: the amending regulation says what it amends.
    assert (
        'href="/regulasi/perpres-16-2018/"'
        in client.get("/regulasi/perpres-46-2025/").content.decode()
    )

    regulation = RegulationPage.objects.get(slug="perpres-46-2025")
    regulation.official_document = Document.objects.create(
        title="Perpres 46/2025", file=ContentFile(b"%PDF-1.4", name="perpres-46-2025.pdf")
    )
    regulation.save_revision().publish()
    body = client.get(regulation.url).content.decode()
    assert "Unduh PDF resmi Peraturan Presiden Nomor 46 Tahun 2025" in body
    assert regulation.official_document.url in body
    assert "PDF resmi belum diunggah." not in body


def test_every_starting_page_shows_its_source_and_the_review_marker(client, initial_content):
    pages = [*GuidancePage.objects.live(), *RegulationPage.objects.live()]
    assert len(pages) == 11
    for page in pages:
        body = client.get(page.url).content.decode()
        assert "Dasar hukum dan sumber" in body, page.slug
        assert "Sumber belum dicantumkan." not in body, page.slug
        assert escape(page.legal_source) in body, page.slug
        assert "Isi halaman ini belum dicocokkan dengan teks resmi peraturan" in body, page.slug
        assert escape(page.review_note) in body, page.slug


def test_home_page_lists_categories_and_kecamatan(client, initial_content):
    body = client.get("/").content.decode()
    root = Category.objects.roots().order_by("sort_order", "name").first()
    assert f">{root.name}</a>" in body
    assert "Penyedia per kecamatan" in body
    for kecamatan in Kecamatan.objects.all():
        assert kecamatan.name in body
    assert Kecamatan.objects.count() == 15


def test_collections_exist_and_editors_may_upload_into_them(initial_content):
    from wagtail.images.permissions import permission_policy

    from tests.factories import UserFactory

    names = set(Collection.get_first_root_node().get_children().values_list("name", flat=True))
    assert set(COLLECTION_NAMES) <= names
    editor = UserFactory()
    editor.groups.add(Group.objects.get(name=EDITOR_GROUP_NAME))
    panduan = Collection.objects.get(name="Panduan")
    assert panduan in permission_policy.collections_user_has_permission_for(editor, "add")
    assert not permission_policy.collections_user_has_permission_for(UserFactory(), "add")
