"""factory_boy factories for the core models. Valid by default; override what a test is about."""

import factory
from django.contrib.auth import get_user_model
from factory.django import DjangoModelFactory

from catalog.models import Category, Product
from procurement.models import OPD, BuyerProfile
from vendors.models import Kecamatan, Vendor, VendorDocument, VendorMember


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"pengguna{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@contoh.id")
    password = factory.PostGenerationMethodCall("set_password", "kata-sandi-uji-123")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def kecamatan(name="Batang"):
    """The reference rows are loaded by a migration; tests pick one by name."""
    return Kecamatan.objects.get(name=name)


class VendorFactory(DjangoModelFactory):
    class Meta:
        model = Vendor

    name = factory.Sequence(lambda n: f"Toko Maju Jaya {n}")
    legal_form = Vendor.LegalForm.UD
    nib = factory.Sequence(lambda n: f"{9120000000000 + n:013d}")
    npwp = factory.Sequence(lambda n: f"{1234567890000000 + n:016d}")
    kbli_codes = factory.LazyFunction(lambda: ["47611"])
    scale = Vendor.Scale.MIKRO
    address = "Jl. Jenderal Sudirman No. 12"
    kecamatan = factory.LazyFunction(lambda: kecamatan("Batang"))
    phone = "+6281234567890"
    email = factory.LazyAttribute(lambda o: f"info{o.nib[-4:]}@contoh.id")
    status = Vendor.Status.VERIFIED


class VendorMemberFactory(DjangoModelFactory):
    class Meta:
        model = VendorMember

    user = factory.SubFactory(UserFactory)
    vendor = factory.SubFactory(VendorFactory)
    role = VendorMember.Role.OWNER


class VendorDocumentFactory(DjangoModelFactory):
    class Meta:
        model = VendorDocument

    vendor = factory.SubFactory(VendorFactory)
    kind = VendorDocument.Kind.NIB
    number = factory.Sequence(lambda n: f"DOC-{n}")
    file = factory.django.FileField(filename="nib.pdf", data=b"%PDF-1.4\n%\xe2\xe3\n1 0 obj\n")
    content_type = "application/pdf"


class CategoryFactory(DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Kategori {n}")
    slug = factory.Sequence(lambda n: f"kategori-{n}")


class ProductFactory(DjangoModelFactory):
    class Meta:
        model = Product

    vendor = factory.SubFactory(VendorFactory)
    category = factory.SubFactory(CategoryFactory)
    name = factory.Sequence(lambda n: f"Kertas HVS A4 70 gsm {n}")
    description = "Kertas HVS putih ukuran A4, 500 lembar per rim."
    unit = "rim"
    price = 52000
    status = Product.Status.PUBLISHED


class OPDFactory(DjangoModelFactory):
    class Meta:
        model = OPD
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Dinas Contoh {n}")
    short_name = factory.Sequence(lambda n: f"DC{n}")
    slug = factory.Sequence(lambda n: f"dinas-contoh-{n}")
    kind = OPD.Kind.DINAS


class BuyerProfileFactory(DjangoModelFactory):
    class Meta:
        model = BuyerProfile

    user = factory.SubFactory(UserFactory)
    opd = factory.SubFactory(OPDFactory)
    role = BuyerProfile.Role.BUYER


class ShortlistFactory(DjangoModelFactory):
    """An open shortlist owned by a buyer of its OPD (the owner gets a buyer profile)."""

    class Meta:
        model = "procurement.Shortlist"

    opd = factory.SubFactory(OPDFactory)
    owner = factory.LazyAttribute(lambda o: BuyerProfileFactory(opd=o.opd).user)
    title = factory.Sequence(lambda n: f"Snack rapat koordinasi {n}")
    description = "Snack box 150 orang untuk rapat koordinasi triwulan."
    pagu = 5_000_000
    planned_year = 2026
    planned_quarter = 1


class OPDBudgetFactory(DjangoModelFactory):
    class Meta:
        model = "procurement.OPDBudget"
        django_get_or_create = ("opd", "year")

    opd = factory.SubFactory(OPDFactory)
    year = 2026
    pagu_goods_services = 1_000_000_000
