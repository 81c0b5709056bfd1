"""Accounts (django-allauth): sign-up with mandatory email verification, password reset,
login throttling, Indonesian pages on the site layout."""

import re

import pytest
from django.core import mail
from django.core.cache import cache

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Batang-Maju-2026!"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def _link(message):
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def signup(client, email="sari@contoh.id"):
    return client.post(
        "/akun/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD}
    )


def test_signup_requires_email_verification_before_login(client):
    response = signup(client)
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["sari@contoh.id"]
    assert "Konfirmasi alamat email" in message.subject
    # Not signed in until the email is verified.
    assert client.get("/usaha/").status_code == 302
    response = client.post("/akun/login/", {"login": "sari@contoh.id", "password": PASSWORD})
    assert response.status_code == 302
    assert "/akun/confirm-email/" in response["Location"]
    assert client.get("/usaha/").status_code == 302

    confirm = _link(message)
    page = client.get(confirm)
    assert "Konfirmasi email" in page.content.decode()
    response = client.post(confirm)
    assert response.status_code == 302
    dashboard = client.get("/usaha/")
    assert dashboard.status_code == 200
    assert "Daftarkan usaha Anda" in dashboard.content.decode()


def test_signup_pages_are_indonesian_and_use_the_site_layout(client):
    html = client.get("/akun/signup/").content.decode()
    assert 'lang="id"' in html
    assert "Daftar akun penyedia" in html
    assert "Lewati ke konten utama" in html  # from templates/base.html
    login = client.get("/akun/login/").content.decode()
    assert "Masuk ke akun penyedia" in login
    assert "Lupa kata sandi?" in login


def test_signup_with_bad_email_or_weak_password_names_the_field(client):
    response = client.post(
        "/akun/signup/", {"email": "bukan-email", "password1": "123", "password2": "123"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Email:" in html or "email" in html.lower()
    assert mail.outbox == []


def test_password_reset_sends_a_link_that_sets_a_new_password(client):
    user = UserFactory(email="budi@contoh.id")
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    response = client.post("/akun/password/reset/", {"email": "budi@contoh.id"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "Atur ulang kata sandi" in mail.outbox[0].subject
    link = _link(mail.outbox[0])
    response = client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else link
    response = client.post(
        form_url, {"password1": "Kata-Sandi-Baru-99", "password2": "Kata-Sandi-Baru-99"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Kata-Sandi-Baru-99")


THROTTLED = "Terlalu banyak percobaan masuk yang gagal"


def test_repeated_failed_logins_are_throttled(client):
    user = UserFactory(email="rina@contoh.id")
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    # 5 failures per account in 5 minutes are answered as wrong passwords...
    for _ in range(5):
        response = client.post("/akun/login/", {"login": "rina@contoh.id", "password": "salah"})
        assert response.status_code == 200
        assert THROTTLED not in response.content.decode()
    # ...the 6th attempt is refused by the throttle, even with the right password.
    response = client.post("/akun/login/", {"login": "rina@contoh.id", "password": "salah"})
    assert THROTTLED in response.content.decode()
    response = client.post(
        "/akun/login/", {"login": "rina@contoh.id", "password": "kata-sandi-uji-123"}
    )
    assert response.status_code in (200, 429)
    assert THROTTLED in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get("/usaha/").status_code == 302

    # Once the window has passed (the counters live in the cache), the right password works.
    cache.clear()
    response = client.post(
        "/akun/login/", {"login": "rina@contoh.id", "password": "kata-sandi-uji-123"}
    )
    assert response.status_code == 302
    assert client.get("/usaha/").status_code == 200


def test_failed_logins_from_one_address_are_throttled_across_accounts(client):
    from allauth.account.models import EmailAddress

    # 10 failures a minute per IP address, whatever account they try.
    for i in range(10):
        response = client.post("/akun/login/", {"login": f"orang{i}@contoh.id", "password": "x"})
        assert THROTTLED not in response.content.decode()
    user = UserFactory(email="tono@contoh.id")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    response = client.post(
        "/akun/login/", {"login": "tono@contoh.id", "password": "kata-sandi-uji-123"}
    )
    assert THROTTLED in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_nav_shows_masuk_or_usaha_saya(client):
    assert "Masuk" in client.get("/akun/login/").content.decode()
    user = UserFactory()
    client.force_login(user)
    assert "Usaha saya" in client.get("/usaha/").content.decode()
