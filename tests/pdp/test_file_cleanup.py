"""Stored files leave storage with their rows, whatever path deletes the row, and only after
the transaction commits (vendors/file_cleanup.py)."""

import pytest
from django.core.cache import caches
from django.db import transaction
from wagtail.images import get_image_model

from catalog.models import Product, ProductImage
from tests.factories import ProductFactory, VendorMemberFactory
from tests.pdp.helpers import add_photo, media_path, pdf, private_path, upload_document
from vendors.models import Vendor, VendorDocument

pytestmark = pytest.mark.django_db


@pytest.fixture
def member():
    return VendorMemberFactory()


def test_document_delete_removes_the_file_only_when_committed(
    member, django_capture_on_commit_callbacks
):
    document = upload_document(member.vendor, member.user)
    path = private_path(document.file.name)
    assert path.is_file()
    with django_capture_on_commit_callbacks(execute=True):
        document.delete()
        assert path.is_file()  # not before the commit
    assert not path.exists()


def test_queryset_delete_removes_every_file(member, django_capture_on_commit_callbacks):
    paths = [
        private_path(upload_document(member.vendor, member.user, kind=k).file.name)
        for k in ("nib", "npwp", "akta")
    ]
    with django_capture_on_commit_callbacks(execute=True):
        VendorDocument.objects.filter(vendor=member.vendor).delete()
    assert [p.exists() for p in paths] == [False, False, False]


def test_vendor_delete_cascades_to_document_and_photo_files(
    member, django_capture_on_commit_callbacks
):
    document = upload_document(member.vendor, member.user)
    product = ProductFactory(vendor=member.vendor)
    photo = add_photo(product, member.user)
    image_id, image_path = photo.image_id, media_path(photo.image.file.name)
    for cache in caches.all():  # Wagtail caches renditions by image id; ids repeat across tests
        cache.clear()
    rendition = photo.image.get_rendition("fill-160x160")
    rendition_path = media_path(rendition.file.name)
    doc_path = private_path(document.file.name)
    assert doc_path.is_file() and image_path.is_file() and rendition_path.is_file()

    with django_capture_on_commit_callbacks(execute=True):
        Vendor.objects.filter(pk=member.vendor.pk).delete()

    assert not Product.objects.exists() and not ProductImage.objects.exists()
    assert not get_image_model().objects.filter(pk=image_id).exists()
    assert not doc_path.exists()
    assert not image_path.exists()
    assert not rendition_path.exists()


def test_product_delete_removes_its_photo_image_and_file(
    member, django_capture_on_commit_callbacks
):
    product = ProductFactory(vendor=member.vendor)
    photo = add_photo(product, member.user)
    image_id, path = photo.image_id, media_path(photo.image.file.name)
    with django_capture_on_commit_callbacks(execute=True):
        product.delete()
    assert not get_image_model().objects.filter(pk=image_id).exists()
    assert not path.exists()


def test_photo_shared_by_two_products_stays_while_one_uses_it(
    member, django_capture_on_commit_callbacks
):
    first, second = ProductFactory(vendor=member.vendor), ProductFactory(vendor=member.vendor)
    photo = add_photo(first, member.user)
    ProductImage.objects.create(product=second, image=photo.image)
    path = media_path(photo.image.file.name)
    with django_capture_on_commit_callbacks(execute=True):
        first.delete()
    assert path.is_file()
    with django_capture_on_commit_callbacks(execute=True):
        second.delete()
    assert not path.exists()


def test_photo_removal_through_the_self_service_page_removes_the_file(
    client, member, django_capture_on_commit_callbacks
):
    product = ProductFactory(vendor=member.vendor)
    photo = add_photo(product, member.user)
    path = media_path(photo.image.file.name)
    client.force_login(member.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/usaha/produk/{product.pk}/", {"remove_image": photo.pk})
    assert response.status_code == 302
    assert not get_image_model().objects.filter(pk=photo.image_id).exists()
    assert not path.exists()


def test_document_delete_through_the_self_service_page_removes_the_file(
    client, member, django_capture_on_commit_callbacks
):
    document = upload_document(member.vendor, member.user)
    path = private_path(document.file.name)
    client.force_login(member.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/usaha/dokumen/{document.pk}/hapus/")
    assert response.status_code == 302
    assert not VendorDocument.objects.filter(pk=document.pk).exists()
    assert not path.exists()


def test_replacing_a_document_file_removes_the_old_file(member, django_capture_on_commit_callbacks):
    document = upload_document(member.vendor, member.user)
    old_path = private_path(document.file.name)
    with django_capture_on_commit_callbacks(execute=True):
        document.file = pdf("baru.pdf", marker=b"versi baru")
        document.save()
    new_path = private_path(document.file.name)
    assert new_path != old_path and new_path.is_file()
    assert b"versi baru" in new_path.read_bytes()
    assert not old_path.exists()


def test_saving_a_document_without_a_new_file_keeps_it(member, django_capture_on_commit_callbacks):
    document = upload_document(member.vendor, member.user)
    with django_capture_on_commit_callbacks(execute=True):
        document.review_note = "Terbaca jelas."
        document.save()
    assert private_path(document.file.name).is_file()


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_delete_keeps_the_files_and_a_committed_one_does_not():
    member = VendorMemberFactory()
    document = upload_document(member.vendor, member.user)
    photo = add_photo(ProductFactory(vendor=member.vendor), member.user)
    doc_path, image_path = private_path(document.file.name), media_path(photo.image.file.name)

    with pytest.raises(RuntimeError), transaction.atomic():
        Vendor.objects.filter(pk=member.vendor.pk).delete()
        raise RuntimeError("batal")
    assert VendorDocument.objects.filter(pk=document.pk).exists()
    assert doc_path.is_file() and image_path.is_file()

    with transaction.atomic():
        Vendor.objects.filter(pk=member.vendor.pk).delete()
    assert not doc_path.exists() and not image_path.exists()
