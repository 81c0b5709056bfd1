"""The back office (Wagtail admin) for OPDs and buyer profiles."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from procurement.models import OPD, BuyerProfile
from tests.factories import BuyerProfileFactory, OPDFactory, UserFactory, kecamatan

pytestmark = pytest.mark.django_db

OPDS = "/admin/opd/"
BUYERS = "/admin/profil-pembeli/"


def staff_user(*apps, username="staf-opd"):
    user = UserFactory(username=username)
    perms = Permission.objects.filter(
        Q(content_type__app_label="wagtailadmin", codename="access_admin")
        | Q(content_type__app_label__in=apps)
    )
    user.user_permissions.add(*perms)
    return user


@pytest.fixture
def staff_client(client):
    client.force_login(staff_user("procurement"))
    return client


class TestOPD:
    def test_lists_opds(self, staff_client):
        OPDFactory(
            name="Dinas Perindustrian, Perdagangan, Koperasi dan UKM", short_name="Disperindagkop"
        )
        OPDFactory(
            name="Kecamatan Subah (uji)",
            short_name="Kec. Subah",
            kind=OPD.Kind.KECAMATAN,
            kecamatan=kecamatan("Subah"),
        )

        response = staff_client.get(OPDS)

        html = response.content.decode()
        assert response.status_code == 200
        assert "Disperindagkop" in html
        assert "Kecamatan Subah (uji)" in html

    def test_kind_filter(self, staff_client):
        OPDFactory(name="Dinas Kesehatan Uji", kind=OPD.Kind.DINAS)
        OPDFactory(name="RSUD Uji", kind=OPD.Kind.RSUD)

        html = staff_client.get(OPDS, {"kind": "rsud"}).content.decode()

        assert "RSUD Uji" in html
        assert "Dinas Kesehatan Uji" not in html

    def test_search_by_short_name(self, staff_client):
        OPDFactory(name="Badan Pengelolaan Keuangan dan Aset Daerah", short_name="BPKAD")
        OPDFactory(name="Badan Perencanaan Pembangunan Daerah", short_name="Bappeda")

        html = staff_client.get(OPDS, {"q": "bpkad"}).content.decode()

        assert "Badan Pengelolaan Keuangan dan Aset Daerah" in html
        assert "Badan Perencanaan Pembangunan Daerah" not in html

    def test_create_with_automatic_slug(self, staff_client):
        data = {
            "name": "Dinas Perumahan Rakyat dan Kawasan Permukiman",
            "short_name": "Disperkim",
            "slug": "",
            "kind": OPD.Kind.DINAS,
            "kecamatan": "",
        }

        response = staff_client.post(OPDS + "new/", data)

        assert response.status_code == 302
        opd = OPD.objects.get(short_name="Disperkim")
        assert opd.slug == "dinas-perumahan-rakyat-dan-kawasan-permukiman"

    def test_duplicate_name_is_refused(self, staff_client):
        OPDFactory(name="Inspektorat Uji")
        data = {"name": "Inspektorat Uji", "slug": "", "kind": OPD.Kind.INSPEKTORAT}

        response = staff_client.post(OPDS + "new/", data)

        assert response.status_code == 200
        assert OPD.objects.filter(name="Inspektorat Uji").count() == 1

    def test_opd_with_buyers_cannot_be_deleted(self, staff_client):
        profile = BuyerProfileFactory()

        response = staff_client.post(f"{OPDS}delete/{profile.opd.pk}/", follow=True)

        assert response.status_code == 200
        assert "tidak dapat dihapus" in response.content.decode()
        assert OPD.objects.filter(pk=profile.opd.pk).exists()


class TestBuyerProfiles:
    def test_lists_filters_and_searches_buyers(self, staff_client):
        bpkad = OPDFactory(name="BPKAD Uji", short_name="BPKAD")
        dinkes = OPDFactory(name="Dinas Kesehatan Uji", short_name="Dinkes")
        BuyerProfileFactory(user__username="ppk.bpkad", opd=bpkad, position="PPK Belanja Umum")
        BuyerProfileFactory(user__username="kepala.dinkes", opd=dinkes, role=BuyerProfile.Role.HEAD)

        listing = staff_client.get(BUYERS).content.decode()
        heads = staff_client.get(BUYERS, {"role": "head"}).content.decode()
        by_opd = staff_client.get(BUYERS, {"opd": bpkad.pk}).content.decode()
        searched = staff_client.get(BUYERS, {"q": "belanja umum"}).content.decode()

        assert "ppk.bpkad" in listing and "kepala.dinkes" in listing
        assert "kepala.dinkes" in heads and "ppk.bpkad" not in heads
        assert "ppk.bpkad" in by_opd and "kepala.dinkes" not in by_opd
        assert "ppk.bpkad" in searched and "kepala.dinkes" not in searched

    def test_listing_query_count_does_not_grow_with_rows(self, staff_client):
        BuyerProfileFactory.create_batch(3)
        staff_client.get(BUYERS)
        with CaptureQueriesContext(connection) as few:
            staff_client.get(BUYERS)
        BuyerProfileFactory.create_batch(27)
        with CaptureQueriesContext(connection) as many:
            staff_client.get(BUYERS)

        # The OPD filter lists one choice per OPD in a single query, so only rows could add
        # queries; they must not.
        assert len(many.captured_queries) == len(few.captured_queries)


class TestPermissions:
    def test_without_procurement_permissions_the_listings_are_refused(self, client):
        client.force_login(staff_user("vendors", username="staf-penyedia"))
        OPDFactory(name="Sekretariat Daerah Uji")

        for url in (OPDS, BUYERS, OPDS + "new/"):
            response = client.get(url)
            assert response.status_code in (302, 403), url
            assert "Sekretariat Daerah Uji" not in response.content.decode()

    def test_view_permission_alone_lists_but_does_not_edit(self, client):
        user = staff_user(username="pemantau")
        user.user_permissions.add(Permission.objects.get(codename="view_opd"))
        client.force_login(user)
        opd = OPDFactory(name="Bappeda Uji")

        assert "Bappeda Uji" in client.get(OPDS).content.decode()
        response = client.post(f"{OPDS}edit/{opd.pk}/", {"name": "Diganti", "kind": "badan"})

        assert response.status_code in (302, 403)
        opd.refresh_from_db()
        assert opd.name == "Bappeda Uji"
