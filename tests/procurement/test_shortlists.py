"""Shortlists: snapshots, change badges, reorder, lock, and edits by two people at once."""

import pytest
from django.core.exceptions import ValidationError

from catalog.models import Product
from procurement import services
from procurement.models import BuyerProfile, Shortlist
from tests.factories import BuyerProfileFactory, ProductFactory, ShortlistFactory, VendorFactory
from vendors.models import Vendor

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user)
    return client


def test_snapshot_keeps_the_price_after_the_vendor_changes_it(client):
    shortlist = ShortlistFactory()
    product = ProductFactory(name="Snack box rapat isi 4", price=15_000, unit="kotak")
    item = services.add_item(
        shortlist=shortlist, user=shortlist.owner, product=product, quantity=150
    )

    product.price = 18_000
    product.save()

    item.refresh_from_db()
    assert item.snap_unit_price == 15_000
    assert item.total_price == 2_250_000
    page = login(client, shortlist.owner).get(shortlist.get_absolute_url())
    html = page.content.decode()
    assert "Rp 15.000" in html  # the procurement file keeps the price that was shortlisted
    assert "Harga naik" in html and "Rp 18.000" in html


def test_badges_for_archived_products_and_suspended_vendors(client):
    shortlist = ShortlistFactory()
    product = ProductFactory(price=10_000)
    services.add_item(shortlist=shortlist, user=shortlist.owner, product=product)
    Product.objects.filter(pk=product.pk).update(price=9_000, status=Product.Status.ARCHIVED)
    Vendor.objects.filter(pk=product.vendor_id).update(status=Vendor.Status.SUSPENDED)
    html = login(client, shortlist.owner).get(shortlist.get_absolute_url()).content.decode()
    assert "Harga turun" in html
    assert "Produk tidak tayang lagi" in html
    assert "Penyedia dibekukan" in html


def test_snapshot_records_vendor_facts_and_inaproc_link():
    shortlist = ShortlistFactory()
    vendor = VendorFactory(scale=Vendor.Scale.KECIL, inaproc_url="https://katalog.inaproc.id/toko")
    product = ProductFactory(vendor=vendor, tkdn_percent=30, tkdn_bmp_percent=42, lead_time_days=3)
    item = services.add_item(shortlist=shortlist, user=shortlist.owner, product=product)
    assert item.snap_vendor_name == vendor.name
    assert item.snap_kecamatan == "Batang"
    assert item.snap_is_umk is True and item.snap_is_pdn is True
    assert item.snap_inaproc_url == "https://katalog.inaproc.id/toko"
    assert item.snap_lead_time_days == 3
    assert item.snap_tkdn_bmp_percent == 42


def test_draft_products_and_unverified_vendors_cannot_be_added():
    shortlist = ShortlistFactory()
    with pytest.raises(ValidationError):
        services.add_item(
            shortlist=shortlist,
            user=shortlist.owner,
            product=ProductFactory(status=Product.Status.DRAFT),
        )
    with pytest.raises(ValidationError):
        services.add_item(
            shortlist=shortlist,
            user=shortlist.owner,
            vendor=VendorFactory(status=Vendor.Status.SUBMITTED),
        )


def test_add_form_from_a_product_adds_with_quantity_and_note(client):
    shortlist = ShortlistFactory()
    product = ProductFactory(name="Nasi kotak ayam bakar")
    login(client, shortlist.owner)
    page = client.get(f"/belanja/tambah/?produk={product.pk}")
    assert page.status_code == 200 and "Nasi kotak ayam bakar" in page.content.decode()
    response = client.post(
        "/belanja/tambah/",
        {"product": product.pk, "shortlist": shortlist.pk, "quantity": "150", "note": "Tanpa MSG"},
    )
    assert response.status_code == 302
    item = shortlist.items.get()
    assert (item.quantity, item.note, item.product) == (150, "Tanpa MSG", product)


def test_add_form_rejects_a_zero_quantity_with_a_named_message(client):
    shortlist = ShortlistFactory()
    product = ProductFactory()
    login(client, shortlist.owner)
    response = client.post(
        "/belanja/tambah/", {"product": product.pk, "shortlist": shortlist.pk, "quantity": "0"}
    )
    assert response.status_code == 200
    assert "Jumlah paling sedikit 1." in response.content.decode()
    assert not shortlist.items.exists()


def test_create_form_validates_rup_code_and_pagu_in_indonesian(client):
    BuyerProfileFactory(user__username="ppk-dinkes")
    from django.contrib.auth import get_user_model

    login(client, get_user_model().objects.get(username="ppk-dinkes"))
    response = client.post(
        "/belanja/daftar/baru/",
        {"title": "ATK triwulan", "rup_code": "RUP-12", "pagu": "0", "planned_year": "2026",
         "planned_quarter": "2"},
    )  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kode RUP harus berupa 6–12 digit angka" in html
    assert "Pagu harus lebih dari Rp 0." in html
    response = client.post(
        "/belanja/daftar/baru/",
        {"title": "ATK triwulan", "rup_code": "45123678", "pagu": "12500000",
         "planned_year": "2026", "planned_quarter": "2"},
    )  # fmt: skip
    shortlist = Shortlist.objects.get(title="ATK triwulan")
    assert response.status_code == 302 and shortlist.pagu == 12_500_000


def test_reorder_with_up_and_down_buttons(client):
    shortlist = ShortlistFactory()
    a, b, c = (
        services.add_item(shortlist=shortlist, user=shortlist.owner, product=ProductFactory())
        for _ in range(3)
    )
    login(client, shortlist.owner)
    client.post(f"/belanja/daftar/{shortlist.pk}/butir/{c.pk}/pindah/", {"direction": "up"})
    order = list(shortlist.items.order_by("position").values_list("pk", flat=True))
    assert order == [a.pk, c.pk, b.pk]
    client.post(f"/belanja/daftar/{shortlist.pk}/butir/{a.pk}/pindah/", {"direction": "down"})
    order = list(shortlist.items.order_by("position").values_list("pk", flat=True))
    assert order == [c.pk, a.pk, b.pk]
    client.post(f"/belanja/daftar/{shortlist.pk}/butir/{b.pk}/hapus/")
    assert list(shortlist.items.values_list("pk", flat=True).order_by("position")) == [c.pk, a.pk]


def test_a_locked_shortlist_refuses_changes(client):
    shortlist = ShortlistFactory()
    item = services.add_item(shortlist=shortlist, user=shortlist.owner, product=ProductFactory())
    login(client, shortlist.owner)
    client.post(f"/belanja/daftar/{shortlist.pk}/kunci/")
    shortlist.refresh_from_db()
    assert shortlist.status == Shortlist.Status.LOCKED and shortlist.locked_at is not None
    response = client.post(f"/belanja/daftar/{shortlist.pk}/butir/{item.pk}/hapus/", follow=True)
    assert "sudah dikunci" in response.content.decode()
    assert shortlist.items.count() == 1
    with pytest.raises(ValidationError):
        services.add_item(shortlist=shortlist, user=shortlist.owner, product=ProductFactory())


def test_an_empty_shortlist_cannot_be_locked():
    shortlist = ShortlistFactory()
    with pytest.raises(ValidationError):
        services.lock_shortlist(shortlist=shortlist)


def test_compare_sorts_by_domestic_preference_when_asked(client):
    shortlist = ShortlistFactory()
    imported = ProductFactory(name="Proyektor impor", price=1_000)
    pdn = ProductFactory(name="Proyektor rakitan lokal", price=2_000, is_pdn=True)
    tkdn = ProductFactory(
        name="Proyektor TKDN 45", price=3_000, tkdn_percent=45, tkdn_bmp_percent=50
    )
    for product in (imported, pdn, tkdn):
        services.add_item(shortlist=shortlist, user=shortlist.owner, product=product)
    login(client, shortlist.owner)
    html = client.get(f"/belanja/daftar/{shortlist.pk}/bandingkan/").content.decode()
    assert html.index("Proyektor impor") < html.index("Proyektor TKDN 45")
    html = client.get(
        f"/belanja/daftar/{shortlist.pk}/bandingkan/?urut=preferensi"
    ).content.decode()
    assert html.index("Proyektor TKDN 45") < html.index("Proyektor rakitan lokal")
    assert html.index("Proyektor rakitan lokal") < html.index("Proyektor impor")
    assert "TKDN + BMP" in html and "Perpres 46/2025" in html


def test_outreach_for_a_vendor_not_on_inaproc_is_sent_once(client):
    shortlist = ShortlistFactory()
    vendor = VendorFactory(inaproc_url="", toko_daring_url="")
    item = services.add_item(
        shortlist=shortlist, user=shortlist.owner, product=ProductFactory(vendor=vendor)
    )
    login(client, shortlist.owner)
    url = f"/belanja/daftar/{shortlist.pk}/butir/{item.pk}/pendampingan/"
    first = client.post(url, follow=True).content.decode()
    assert "daftar pendampingan UKPBJ" in first
    client.post(url)
    assert vendor.outreach_requests.count() == 1
    assert "Sudah dikirim ke UKPBJ" in client.get(shortlist.get_absolute_url()).content.decode()


# --- Two people, one shortlist ---------------------------------------------------------------


@pytest.fixture
def owner_and_head():
    shortlist = ShortlistFactory(title="Mamin rapat")
    head = BuyerProfileFactory(opd=shortlist.opd, role=BuyerProfile.Role.HEAD).user
    return shortlist, shortlist.owner, head


def test_items_added_by_two_people_are_both_kept(owner_and_head):
    shortlist, owner, head = owner_and_head
    # Both loaded the shortlist, then each adds an item: inserts never overwrite each other.
    stale_owner_copy = Shortlist.objects.get(pk=shortlist.pk)
    stale_head_copy = Shortlist.objects.get(pk=shortlist.pk)
    services.add_item(shortlist=stale_owner_copy, user=owner, product=ProductFactory(name="Teh"))
    services.add_item(shortlist=stale_head_copy, user=head, product=ProductFactory(name="Kopi"))
    names = sorted(shortlist.items.values_list("snap_product_name", flat=True))
    assert names == ["Kopi", "Teh"]
    positions = list(shortlist.items.values_list("position", flat=True))
    assert len(set(positions)) == 2


def test_saving_the_header_never_drops_an_item_added_meanwhile(client, owner_and_head):
    shortlist, owner, head = owner_and_head
    login(client, owner)
    form = client.get(f"/belanja/daftar/{shortlist.pk}/ubah/")
    version = form.context["form"].initial["version"]
    services.add_item(shortlist=shortlist, user=head, product=ProductFactory(name="Air mineral"))
    response = client.post(
        f"/belanja/daftar/{shortlist.pk}/ubah/",
        {"title": "Mamin rapat 150 orang", "pagu": "6000000", "planned_year": "2026",
         "planned_quarter": "1", "version": version},
    )  # fmt: skip
    assert response.status_code == 302
    shortlist.refresh_from_db()
    assert shortlist.title == "Mamin rapat 150 orang"
    assert list(shortlist.items.values_list("snap_product_name", flat=True)) == ["Air mineral"]


def test_a_stale_header_edit_is_refused_and_keeps_the_users_input(client, owner_and_head):
    shortlist, owner, head = owner_and_head
    owner_client = client
    login(owner_client, owner)
    version = (
        owner_client.get(f"/belanja/daftar/{shortlist.pk}/ubah/").context["form"].initial["version"]
    )
    # The head saves first.
    services.update_shortlist(
        shortlist=shortlist, expected_version=version, title="Mamin rapat (versi kepala)"
    )
    response = owner_client.post(
        f"/belanja/daftar/{shortlist.pk}/ubah/",
        {"title": "Mamin rapat (versi pemilik)", "pagu": "7000000", "planned_year": "2026",
         "planned_quarter": "2", "version": version},
    )  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200
    assert "baru saja diubah oleh pengguna lain" in html
    assert 'value="Mamin rapat (versi pemilik)"' in html  # the user's input is still there
    assert "Mamin rapat (versi kepala)" in html  # and the current value is shown beside it
    shortlist.refresh_from_db()
    assert shortlist.title == "Mamin rapat (versi kepala)"
    # Saving again from the refreshed form (new version) goes through.
    new_version = response.context["form"]["version"].value()
    response = owner_client.post(
        f"/belanja/daftar/{shortlist.pk}/ubah/",
        {"title": "Mamin rapat (versi pemilik)", "pagu": "7000000", "planned_year": "2026",
         "planned_quarter": "2", "version": new_version},
    )  # fmt: skip
    assert response.status_code == 302
    shortlist.refresh_from_db()
    assert shortlist.title == "Mamin rapat (versi pemilik)" and shortlist.pagu == 7_000_000


def test_service_refuses_a_stale_version():
    shortlist = ShortlistFactory()
    services.update_shortlist(shortlist=shortlist, expected_version=1, title="A")
    with pytest.raises(services.StaleShortlistError) as info:
        services.update_shortlist(shortlist=shortlist, expected_version=1, title="B")
    assert info.value.current.title == "A"


def test_product_and_vendor_pages_offer_tambah_ke_daftar_pendek(client):
    shortlist = ShortlistFactory(title="Mamin rapat Maret")
    product = ProductFactory(name="Nasi kotak komplit")
    anonymous = client.get(product.get_absolute_url()).content.decode()
    assert "/belanja/masuk/?next=" in anonymous
    client.force_login(shortlist.owner)
    html = client.get(product.get_absolute_url()).content.decode()
    assert "Tambah ke daftar pendek" in html and "Mamin rapat Maret" in html
    html = client.get(product.vendor.get_absolute_url()).content.decode()
    assert "Tambah ke daftar pendek" in html
    response = client.post(
        "/belanja/tambah/",
        {"product": product.pk, "shortlist": shortlist.pk, "quantity": "2",
         "next": product.get_absolute_url()},
    )  # fmt: skip
    assert response["Location"] == product.get_absolute_url()
    assert shortlist.items.get().snap_product_name == "Nasi kotak komplit"


def test_header_update_changes_and_clears_the_category():
    from tests.factories import CategoryFactory

    shortlist = ShortlistFactory()
    category = CategoryFactory(name="Snack box", slug="snack-box-uji")
    updated = services.update_shortlist(shortlist=shortlist, expected_version=1, category=category)
    assert updated.category == category and updated.version == 2
    updated = services.update_shortlist(shortlist=shortlist, expected_version=2, category=None)
    assert updated.category is None


def test_search_results_offer_tambah_ke_daftar_pendek_to_a_buyer(client):
    from search.backends import get_backend

    shortlist = ShortlistFactory(title="Mamin rapat Maret")
    product = ProductFactory(name="Snack box rapat isi 4")
    get_backend().rebuild()  # as the seed does; the signals index only after a real commit
    client.force_login(shortlist.owner)
    response = client.get("/cari/", {"q": "snack box"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="add-to-shortlist"' in html and "Mamin rapat Maret" in html
    assert f'name="product" value="{product.pk}"' in html
    assert f'id="qty-p{product.pk}"' in html
    response = client.post(
        "/belanja/tambah/",
        {"product": product.pk, "shortlist": shortlist.pk, "quantity": "150",
         "next": "/cari/?q=snack+box"},
    )  # fmt: skip
    assert response["Location"] == "/cari/?q=snack+box"
    assert shortlist.items.get().quantity == 150

    # A buyer without an open shortlist is offered to create one, then come back to add it.
    Shortlist.objects.filter(pk=shortlist.pk).update(status=Shortlist.Status.LOCKED)
    html = client.get("/cari/", {"q": "snack box"}).content.decode()
    assert "Buat daftar pendek lalu tambahkan" in html
    assert f"%3Fproduk%3D{product.pk}" in html
