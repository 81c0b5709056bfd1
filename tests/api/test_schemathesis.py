"""Schemathesis against the OpenAPI schema the app serves at /api/v1/schema/ (issue 9).

Every operation in the schema is called in-process through the real WSGI stack (middleware,
CSRF, authentication) as four clients: anonymous, a vendor owner (session cookie + CSRF token,
like the /usaha/ pages' scripts), an OPD buyer (API token) and a UKPBJ officer (session + CSRF).
Each response must not be a 5xx and must match what the schema promises: a documented status
code, content type, headers and body. Requests the schema calls invalid must be rejected.

The run is bounded and reproducible: a fixed number of examples per operation, derandomized,
no deadline. A small realistic data set exists in every test, and half of the generated ids and
slugs are swapped for real ones so that operations reach real rows, not only 404s.
"""

from __future__ import annotations

import secrets
import zlib
from collections import Counter

import hypothesis
import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.core.parameters import ParameterLocation
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from catalog.models import Category
from procurement import services as procurement_services
from procurement.models import Purchase
from tests.factories import (
    BuyerProfileFactory,
    OPDBudgetFactory,
    OPDFactory,
    ProductFactory,
    UserFactory,
    VendorDocumentFactory,
    VendorFactory,
    VendorMemberFactory,
)
from vendors.models import Kecamatan
from vendors.roles import ensure_ukpbj_group

MAX_EXAMPLES = 10
ROLES = ["anonymous", "vendor", "buyer", "ukpbj"]


def negative_data_rejection_but_blank_query_is_unset(ctx, response, case):
    """Schemathesis' negative_data_rejection, except for a query parameter sent empty.

    Across the API (django-filter, and the HTML forms the site's own pages submit) `?status=`
    means "not given", which an OpenAPI enum or integer cannot express. Every other invalid
    query value, and every invalid path, header or body value, must still be rejected.
    """
    data = case.meta.phase.data if case.meta else None
    invalid = {(m.parameter_location, m.parameter) for m in getattr(data, "mutations", ())}
    if not invalid and data is not None and data.parameter:
        invalid = {(data.parameter_location, data.parameter)}
    query = case.query or {}
    if invalid and all(
        location == ParameterLocation.QUERY and query.get(name) in ("", [""])
        for location, name in invalid
    ):
        return None
    return negative_data_rejection(ctx, response, case)


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection_but_blank_query_is_unset,
]

# Examples run per role, reported by tests/api/conftest.py at the end of the session.
EXAMPLES: Counter[str] = Counter()

APP = get_wsgi_application()
CONFIG = schemathesis.Config.from_dict(
    {
        "seed": 9,
        # Examples (none in our schema) and fuzzing only: the coverage phase adds hundreds of
        # boundary cases per operation, more than a CI run can afford.
        "phases": {"coverage": {"enabled": False}},
        # Credentials come from the role (below), not from random values for the schemes.
        "generation": {"with-security-parameters": False},
    }
)
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", APP, config=CONFIG)


@pytest.fixture
def in_test_transaction():
    """Requests go straight to the WSGI handler, not through Django's test client, so detach
    the per-request connection cleanup the test client detaches too: closing the connection
    at the end of a request would end the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def dataset(db):
    """Two verified vendors with products in two categories and two kecamatan, an OPD with a
    buyer, a budget, a shortlist with a product and a vendor on it and a purchase, and a UKPBJ
    officer."""
    kec_a, kec_b = Kecamatan.objects.order_by("pk")[:2]
    cat_a, cat_b = Category.objects.filter(children__isnull=True).order_by("pk")[:2]
    vendor = VendorFactory(kecamatan=kec_a, name="CV Sumber Rejeki Batang")
    owner = VendorMemberFactory(vendor=vendor).user
    products = [
        ProductFactory(vendor=vendor, category=cat_a, name="Kertas HVS A4 70 gsm", price=52_000),
        ProductFactory(vendor=vendor, category=cat_b, name="Snack box rapat", price=25_000),
    ]
    document = VendorDocumentFactory(vendor=vendor)
    other = VendorFactory(kecamatan=kec_b, name="UD Batik Rifaiyah")
    ProductFactory(vendor=other, category=cat_a, name="Batik tulis Rifaiyah", price=750_000)

    opd = OPDFactory(name="Dinas Pendidikan dan Kebudayaan", slug="dindikbud")
    OPDBudgetFactory(opd=opd, year=2026)
    buyer = BuyerProfileFactory(opd=opd).user
    shortlist = procurement_services.create_shortlist(
        user=buyer, title="ATK triwulan I", pagu=5_000_000, planned_year=2026, planned_quarter=1
    )
    item = procurement_services.add_item(
        shortlist=shortlist, user=buyer, product=products[0], quantity=10
    )
    procurement_services.add_item(shortlist=shortlist, user=buyer, vendor=other)
    purchase = procurement_services.record_purchase(
        user=buyer, outcome=Purchase.Outcome.BOUGHT, item=item, amount=520_000,
        channel=Purchase.Channel.KATALOG_LOKAL, purchased_at=timezone.now(),
    )  # fmt: skip

    officer = UserFactory(username="petugas-ukpbj")
    officer.groups.add(ensure_ukpbj_group())

    REAL_ROWS.clear()
    REAL_ROWS.update(
        {
            "/me/purchases/{id}/": {"id": purchase.pk},
            "/me/shortlists/{id}/": {"id": shortlist.pk},
            "/me/shortlists/{shortlist_pk}/items/": {"shortlist_pk": shortlist.pk},
            "/me/shortlists/{shortlist_pk}/items/{id}/": {
                "shortlist_pk": shortlist.pk,
                "id": item.pk,
            },
            "/me/vendor/documents/{id}/": {"id": document.pk},
            "/me/vendor/products/{id}/": {"id": products[0].pk},
            "/me/vendor/steps/{step}/": {"step": "kontak"},
            "/products/{id}/": {"id": products[0].pk},
            "/stats/opd/{slug}/": {"slug": opd.slug},
            "/vendors/{slug}/": {"slug": vendor.slug},
        }
    )
    return {"vendor": owner, "buyer": buyer, "ukpbj": officer}


@pytest.fixture
def auth(role, dataset) -> dict:
    """Headers and cookies of a client in `role`: a session with its CSRF token (vendor,
    UKPBJ) or an API token (buyer)."""
    if role == "anonymous":
        return {}
    user = dataset[role]
    if role == "buyer":
        token, _created = Token.objects.get_or_create(user=user)
        return {"headers": {"Authorization": f"Token {token.key}"}}
    client = Client()
    client.force_login(user)
    csrf = secrets.token_hex(16)  # an unmasked 32-character secret is a valid token
    return {
        "cookies": {"sessionid": client.cookies["sessionid"].value, "csrftoken": csrf},
        "headers": {"X-CSRFToken": csrf},
    }


# Real path parameter values of the current test's data set, by path (see `dataset`).
REAL_ROWS: dict[str, dict] = {}


@schema.hook
def map_path_parameters(context, path_parameters):
    """Swap every other generated id or slug for a real one, so operations reach real rows.

    Done while the case is generated, so Schemathesis still knows whether it is a valid case.
    Only values of the right type are swapped: a negative case keeps its invalid value.
    """
    if not path_parameters or zlib.crc32(repr(sorted(path_parameters.items())).encode()) % 2:
        return path_parameters
    path = context.operation.path.removeprefix("/api/v1")
    for template, values in REAL_ROWS.items():
        if path.startswith(template):
            return {
                name: values[name]
                if name in values and type(value) is type(values[name])
                else value
                for name, value in path_parameters.items()
            }
    return path_parameters


@pytest.mark.parametrize("role", ROLES)
@schema.parametrize()
@hypothesis.settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    # The data set and the login are made once per operation and role, on purpose: examples
    # share them (and what earlier examples created) like requests to a running server.
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
def test_api_conforms_to_its_schema(case, role, dataset, auth, in_test_transaction):
    EXAMPLES[role] += 1

    case.call_and_validate(headers=auth.get("headers"), cookies=auth.get("cookies"), checks=CHECKS)
