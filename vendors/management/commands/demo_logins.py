"""`manage.py demo_logins`: print the demo users, their passwords and where to start."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from vendors.demo import DEMO_LOGINS


def _path(name: str, fallback: str) -> str:
    try:
        return reverse(name)
    except (NoReverseMatch, ImportError):  # a URLconf being edited must not hide the logins
        return fallback


class Command(BaseCommand):
    help = _("Menampilkan akun demo (nama pengguna, email, kata sandi, peran) dan alamatnya.")
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default="http://127.0.0.1:8000",
            help=_("Alamat server (bawaan http://127.0.0.1:8000)."),
        )

    def handle(self, *args, **options):
        base = options["base_url"].rstrip("/")
        User = get_user_model()
        existing = set(
            User.objects.filter(username__in=[d.username for d in DEMO_LOGINS]).values_list(
                "username", flat=True
            )
        )
        if not existing:
            self.stdout.write(_("Belum ada akun demo. Jalankan dulu: python manage.py seed_demo"))
            return
        admin_login = base + _path("wagtailadmin_login", "/admin/login/")
        site_login = base + _path("account_login", "/admin/login/")
        lines = [
            "",
            _("=== Direktori Penyedia Lokal Batang: akun demo (data demo, bukan data asli) ==="),
            _("Situs publik      : %(url)s") % {"url": base + "/"},
            _("Admin (Wagtail)   : %(url)s  (masuk dengan nama pengguna)") % {"url": admin_login},
            _("Masuk situs       : %(url)s  (masuk dengan email)") % {"url": site_login},
            "",
            f"{_('Nama pengguna'):<14} {_('Email'):<22} {_('Kata sandi'):<22} {_('Peran')}",
        ]
        for login in DEMO_LOGINS:
            if login.username not in existing:
                continue
            start = base + login.start_path
            lines.append(
                f"{login.username:<14} {login.email:<22} {login.password:<22} {login.role}"
                f"  -> {start}"
            )
        lines += [
            "",
            _(
                "Kata sandi di atas hanya berlaku untuk akun yang dibuat oleh seed_demo; "
                "akun yang sudah ada sebelumnya tidak diubah."
            ),
            "",
        ]
        self.stdout.write("\n".join(str(line) for line in lines))
