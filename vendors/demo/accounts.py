"""Demo OPDs and demo users (one per role) with known passwords, created idempotently."""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from procurement.models import OPD, BuyerProfile
from vendors.models import Kecamatan, Vendor, VendorMember
from vendors.roles import ensure_editors_group, ensure_ukpbj_group

from .names import BUYER_OPD, OPDS


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: str
    start_path: str  # where this user starts after logging in
    first_name: str
    last_name: str

    @property
    def email(self) -> str:
        return f"{self.username}@contoh.test"  # .test never delivers mail


# Known passwords, printed by `manage.py demo_logins`. Only for a developer's machine or a
# demo server: seed_demo refuses to run with DEBUG off unless told otherwise.
DEMO_LOGINS = [
    DemoLogin(
        "admin", "admin-batang-2026", _("Superuser (semua akses)"), "/admin/", "Admin", "Demo"
    ),
    DemoLogin(
        "ukpbj",
        "ukpbj-batang-2026",
        _("Staf UKPBJ: verifikasi penyedia dan dokumen, kategori, OPD"),
        "/admin/",
        "Rina",
        "Setyawati",
    ),
    DemoLogin(
        "editor",
        "editor-batang-2026",
        _("Editor konten: halaman panduan, berita, bimtek"),
        "/admin/",
        "Dimas",
        "Prasetyo",
    ),
    DemoLogin(
        "penyedia",
        "penyedia-batang-2026",
        _("Pemilik usaha (penyedia terverifikasi)"),
        "/usaha/",
        "Slamet",
        "Riyadi",
    ),
    DemoLogin(
        "pembeli",
        "pembeli-batang-2026",
        _("Pembeli (Pejabat Pengadaan), Dinas Pendidikan dan Kebudayaan"),
        "/belanja/",
        "Ayu",
        "Lestari",
    ),
    DemoLogin(
        "kepala",
        "kepala-batang-2026",
        _("Kepala OPD (PA/KPA), Dinas Pendidikan dan Kebudayaan"),
        "/belanja/",
        "Hartono",
        "Wibowo",
    ),
]
DEMO_USERNAMES = [login.username for login in DEMO_LOGINS]


@transaction.atomic
def ensure_opds() -> dict[str, OPD]:
    """The kabupaten's OPDs plus one office per kecamatan, by name; returns them by name."""
    rows = list(OPDS)
    for kec in Kecamatan.objects.order_by("code"):
        rows.append((f"Kecamatan {kec.name}", f"Kec. {kec.name}", OPD.Kind.KECAMATAN, kec))
    result = {}
    for row in rows:
        name, short_name, kind = row[:3]
        kecamatan = row[3] if len(row) > 3 else None
        opd, _created = OPD.objects.update_or_create(
            name=name,
            defaults={"short_name": short_name, "kind": kind, "kecamatan": kecamatan},
            create_defaults={
                "short_name": short_name,
                "kind": kind,
                "kecamatan": kecamatan,
                "slug": slugify(name),
            },
        )
        result[name] = opd
    return result


def _user(login: DemoLogin, **flags):
    """Get or create the demo user. An existing user keeps its password (someone may have
    changed it on purpose); a new one gets the demo password."""
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=login.username,
        defaults={
            "first_name": login.first_name,
            "last_name": login.last_name,
            "email": login.email,
            **flags,
        },
    )
    if created:
        user.set_password(login.password)
        user.save(update_fields=["password"])
    _verify_email(user)
    return user


def _verify_email(user) -> None:
    # The site login (django-allauth, when installed) wants a verified address.
    if not user.email or not apps.is_installed("allauth.account"):
        return
    EmailAddress = apps.get_model("account", "EmailAddress")
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )


@transaction.atomic
def ensure_demo_users(*, opds: dict[str, OPD]) -> dict:
    """Create the demo users for every role (not the vendor membership: see attach_vendor_owner)."""
    logins = {login.username: login for login in DEMO_LOGINS}
    users = {
        "admin": _user(logins["admin"], is_superuser=True, is_staff=True),
        "ukpbj": _user(logins["ukpbj"]),
        "editor": _user(logins["editor"]),
        "penyedia": _user(logins["penyedia"]),
        "pembeli": _user(logins["pembeli"]),
        "kepala": _user(logins["kepala"]),
    }
    users["ukpbj"].groups.add(ensure_ukpbj_group())
    users["editor"].groups.add(ensure_editors_group())
    buyer_opd = opds[BUYER_OPD]
    BuyerProfile.objects.update_or_create(
        user=users["pembeli"],
        defaults={
            "opd": buyer_opd,
            "role": BuyerProfile.Role.BUYER,
            "position": "Pejabat Pengadaan",
        },
    )
    BuyerProfile.objects.update_or_create(
        user=users["kepala"],
        defaults={"opd": buyer_opd, "role": BuyerProfile.Role.HEAD, "position": "Kepala Dinas"},
    )
    return users


def attach_vendor_owner(*, user, vendor: Vendor) -> VendorMember:
    """Make `user` the owner of `vendor` (moving an older membership if there is one)."""
    member, _created = VendorMember.objects.update_or_create(
        user=user, defaults={"vendor": vendor, "role": VendorMember.Role.OWNER}
    )
    return member
