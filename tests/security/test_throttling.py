"""Login, registration and password-reset throttling: one mechanism (django-allauth's rate
limits, ACCOUNT_RATE_LIMITS) behind /akun/login/, /admin/login/ and /belanja/masuk/, and the
API's per-user write throttle. The configured rates are used as they are (5 failures per
login name in 5 minutes, 10 per address per minute; 20 sign-ups per address per minute)."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache

from tests.factories import BuyerProfileFactory, UserFactory

PASSWORD = "kata-sandi-uji-123"
TOO_MANY = "Terlalu banyak percobaan masuk yang gagal. Coba lagi nanti."

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_counters():
    """The counters live in the cache; each test starts and ends with none."""
    cache.clear()
    yield
    cache.clear()


def vendor_login(client, email, password):
    return client.post("/akun/login/", {"login": email, "password": password})


def admin_login(client, username, password):
    return client.post("/admin/login/", {"username": username, "password": password})


def buyer_login(client, username, password):
    return client.post("/belanja/masuk/", {"username": username, "password": password})


def test_vendor_login_refused_after_five_failures_even_with_the_right_password(client):
    user = UserFactory(email="pemilik@contoh.id")
    for _ in range(5):
        response = vendor_login(client, user.email, "salah-terus")
        assert response.status_code == 200
        assert TOO_MANY not in response.content.decode()
    response = vendor_login(client, user.email, PASSWORD)
    assert response.status_code == 200
    assert TOO_MANY in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_admin_login_refused_after_five_failures_even_with_the_right_password(client):
    staff = UserFactory(username="petugas.ukpbj", is_staff=True, is_superuser=True)
    for _ in range(5):
        response = admin_login(client, staff.username, "salah-terus")
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session
    response = admin_login(client, staff.username, PASSWORD)
    assert response.status_code == 200
    assert TOO_MANY in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Another login name from another address is not locked out by it.
    other = UserFactory(username="editor.lain", is_staff=True, is_superuser=True)
    response = client.post(
        "/admin/login/",
        {"username": other.username, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.9",
    )
    assert response.status_code == 302


def test_admin_login_still_works_before_the_limit(client):
    staff = UserFactory(username="kepala.ukpbj", is_staff=True, is_superuser=True)
    for _ in range(4):
        admin_login(client, staff.username, "salah-terus")
    response = admin_login(client, staff.username, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_one_counter_for_admin_and_buyer_logins_of_the_same_name(client):
    buyer = BuyerProfileFactory(user=UserFactory(username="ppk.dinkes")).user
    for _ in range(3):
        admin_login(client, buyer.username, "salah")
    for _ in range(2):
        buyer_login(client, buyer.username, "salah")
    response = buyer_login(client, buyer.username, PASSWORD)
    assert response.status_code == 200
    assert TOO_MANY in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_buyer_login_refused_after_five_failures(client):
    buyer = BuyerProfileFactory().user
    for _ in range(5):
        assert buyer_login(client, buyer.username, "salah").status_code == 200
    response = buyer_login(client, buyer.username, PASSWORD)
    assert TOO_MANY in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_one_address_trying_many_names_is_refused_after_ten_failures(client):
    """Per address: 10 failed logins a minute across the three login pages."""
    logins = [vendor_login, admin_login, buyer_login]
    for i in range(10):
        response = logins[i % 3](client, f"nama{i}@contoh.id", "salah")
        assert TOO_MANY not in response.content.decode()
    response = admin_login(client, "nama-baru", "salah")
    assert TOO_MANY in response.content.decode()


def test_registration_flood_from_one_address_is_refused_with_429(client):
    for i in range(20):
        response = client.post(
            "/akun/signup/",
            {"email": f"banjir{i}@contoh.id", "password1": "x", "password2": "y"},
        )
        assert response.status_code == 200  # the form with its errors
    response = client.post(
        "/akun/signup/",
        {"email": "banjir99@contoh.id", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 429
    assert "Terlalu banyak permintaan" in response.content.decode()
    assert not get_user_model().objects.filter(email="banjir99@contoh.id").exists()


def test_password_reset_is_throttled_per_address_on_both_reset_pages(client):
    """allauth's "reset_password" rate (5 a minute per email address) counts Wagtail's reset
    too: three requests on /akun/ and two on /admin/ use it up."""
    UserFactory(username="staf", email="staf@contoh.id")
    for _ in range(3):
        response = client.post("/akun/password/reset/", {"email": "staf@contoh.id"})
        assert response.status_code == 302
    for _ in range(2):
        response = client.post("/admin/password_reset/", {"email": "staf@contoh.id"})
        assert response.status_code == 302
    sent = len(mail.outbox)
    assert sent == 5
    refused = client.post("/admin/password_reset/", {"email": "staf@contoh.id"})
    assert refused.status_code == 200
    assert "Terlalu banyak permintaan atur ulang kata sandi" in refused.content.decode()
    assert client.post("/akun/password/reset/", {"email": "staf@contoh.id"}).status_code == 429
    assert len(mail.outbox) == sent


def test_authenticated_api_writes_are_throttled_per_user(client, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "10000/min", "user_write": "3/min"},
    }
    buyer = BuyerProfileFactory().user
    client.force_login(buyer)
    for _ in range(3):
        response = client.post("/api/v1/me/shortlists/", {}, content_type="application/json")
        assert response.status_code == 400
    response = client.post("/api/v1/me/shortlists/", {}, content_type="application/json")
    assert response.status_code == 429
    assert response.json()["detail"]
    # Reads are not counted as writes.
    assert client.get("/api/v1/me/shortlists/").status_code == 200
    # Another user has their own allowance.
    client.force_login(BuyerProfileFactory().user)
    response = client.post("/api/v1/me/shortlists/", {}, content_type="application/json")
    assert response.status_code == 400
