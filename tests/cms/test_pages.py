"""Every page type can be created under its allowed parents (through the Wagtail admin) and
renders in Indonesian."""

import datetime

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.models import (
    EventIndexPage,
    EventPage,
    GuidanceIndexPage,
    GuidancePage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    RegulationIndexPage,
    RegulationPage,
)


class PageTreeRulesTests(WagtailPageTestCase):
    def test_home_takes_only_the_four_indexes(self):
        self.assertAllowedSubpageTypes(
            HomePage, {GuidanceIndexPage, RegulationIndexPage, NewsIndexPage, EventIndexPage}
        )

    def test_each_page_lives_under_its_own_index(self):
        self.assertAllowedParentPageTypes(GuidancePage, {GuidanceIndexPage})
        self.assertAllowedParentPageTypes(RegulationPage, {RegulationIndexPage})
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedParentPageTypes(EventPage, {EventIndexPage})
        self.assertCanNotCreateAt(NewsIndexPage, RegulationPage)
        self.assertCanNotCreateAt(GuidanceIndexPage, NewsPage)
        self.assertCanNotCreateAt(HomePage, GuidancePage)


class CreateAndRenderTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = HomePage.objects.get()

    def setUp(self):
        self.login()

    def create(self, parent, model, data):
        self.assertCanCreate(parent, model, nested_form_data(data))
        page = model.objects.child_of(parent).get(slug=data["slug"])
        self.assertTrue(page.live)
        self.assertPageIsRenderable(page)
        return page

    def index(self, model, slug):
        return self.create(
            self.home, model, {"title": slug.title(), "slug": slug, "intro": rich_text("")}
        )

    def test_guidance_index_and_page(self):
        index = self.index(GuidanceIndexPage, "panduan")
        page = self.create(
            index,
            GuidancePage,
            {
                "title": "Cara belanja ATK",
                "slug": "cara-belanja-atk",
                "intro": "Ringkasan singkat.",
                "body": streamfield(
                    [
                        ("rich_text", rich_text("<p>Pembelian ATK lewat katalog.</p>")),
                        (
                            "callout",
                            {
                                "kind": "rule",
                                "title": "Batas",
                                "body": rich_text("<p>Paling banyak Rp200 juta.</p>"),
                                "source": "Perpres 46/2025",
                            },
                        ),
                    ]
                ),
                "last_reviewed": "2026-02-12",
                "legal_source": "Perpres 16/2018",
            },
        )
        response = self.client.get(page.url)
        self.assertContains(response, "Pembelian ATK lewat katalog.")
        self.assertContains(response, "Aturan: Batas")
        self.assertContains(response, "Terakhir ditinjau")
        self.assertContains(response, "12 Februari 2026")
        self.assertContains(response, "Perpres 16/2018")
        self.assertNotContains(response, "Perlu ditinjau editor")

    def test_regulation_index_and_page(self):
        index = self.index(RegulationIndexPage, "regulasi")
        page = self.create(
            index,
            RegulationPage,
            {
                "title": "Perpres 16/2018",
                "slug": "perpres-16-2018",
                "kind": "perpres",
                "number": "16",
                "year": "2018",
                "regulation_title": "Pengadaan Barang/Jasa Pemerintah",
                "status": "diubah",
                "summary": rich_text("<p>Aturan pokok pengadaan.</p>"),
                "amendments": inline_formset([]),
            },
        )
        response = self.client.get(page.url)
        self.assertContains(response, "Peraturan Presiden Nomor 16 Tahun 2018")
        self.assertContains(response, "Diubah")
        self.assertContains(response, "PDF resmi belum diunggah.")

    def test_news_index_and_page(self):
        index = self.index(NewsIndexPage, "berita")
        page = self.create(
            index,
            NewsPage,
            {
                "title": "Bimtek e-purchasing",
                "slug": "bimtek",
                "date": "2026-02-11",
                "intro": "Ringkas.",
                "body": streamfield([("rich_text", rich_text("<p>Isi berita.</p>"))]),
                "source_name": "MC Batang",
            },
        )
        response = self.client.get(page.url)
        self.assertContains(response, "11 Februari 2026")
        self.assertContains(response, "Sumber: MC Batang")
        self.assertContains(self.client.get(index.url), "Bimtek e-purchasing")

    def test_event_index_and_page(self):
        index = self.index(EventIndexPage, "pelatihan")
        future = datetime.date.today() + datetime.timedelta(days=30)
        page = self.create(
            index,
            EventPage,
            {
                "title": "Bimtek katalog lokal",
                "slug": "bimtek-katalog-lokal",
                "date": future.isoformat(),
                "start_time": "09:00",
                "end_time": "12:00",
                "place": "Aula Bupati Batang",
                "audience": "Pejabat Pengadaan OPD",
                "body": streamfield([]),
                "capacity": "60",
            },
        )
        response = self.client.get(page.url)
        self.assertContains(response, "Aula Bupati Batang")
        self.assertContains(response, "09.00–12.00 WIB")
        self.assertContains(response, "60 orang")
        listing = self.client.get(index.url)
        upcoming = listing.context["upcoming_events"]
        self.assertEqual([e.pk for e in upcoming], [page.pk])

    def test_home_page_renders(self):
        self.assertPageIsRenderable(self.home)


class EventListingTests(WagtailPageTestCase):
    def test_past_and_upcoming_are_split_by_date(self):
        home = HomePage.objects.get()
        index = home.add_child(instance=EventIndexPage(title="Pelatihan", slug="pelatihan"))
        today = datetime.date.today()
        past = index.add_child(
            instance=EventPage(
                title="Lalu",
                slug="lalu",
                date=today - datetime.timedelta(days=3),
                place="A",
                audience="OPD",
            )
        )
        running = index.add_child(
            instance=EventPage(
                title="Berjalan",
                slug="berjalan",
                date=today - datetime.timedelta(days=1),
                end_date=today + datetime.timedelta(days=1),
                place="B",
                audience="OPD",
            )
        )
        response = self.client.get(index.url)
        self.assertEqual([e.pk for e in response.context["upcoming_events"]], [running.pk])
        self.assertEqual([e.pk for e in response.context["past_events"]], [past.pk])
        self.assertContains(response, "Sudah berlangsung")


class EventValidationTests(WagtailPageTestCase):
    def test_end_date_before_start_is_a_field_error(self):
        from django.core.exceptions import ValidationError

        page = EventPage(
            title="X",
            slug="x",
            date=datetime.date(2026, 3, 2),
            end_date=datetime.date(2026, 3, 1),
            place="A",
            audience="OPD",
        )
        with self.assertRaises(ValidationError) as ctx:
            page.full_clean()
        self.assertIn("end_date", ctx.exception.message_dict)
        self.assertIn(
            "Tanggal selesai tidak boleh sebelum tanggal mulai.",
            ctx.exception.message_dict["end_date"],
        )


def test_root_is_home(db):
    assert Page.objects.get(depth=2).specific_class is HomePage
