"""The authorisation matrix (issue 9): every URL pattern of the project, requested as each role.

The world below has two verified vendors (A and B), a draft vendor, two OPDs with a buyer each
(their own shortlists, items, exports, purchases, budgets and outreach requests), a UKPBJ
officer (vendors/roles.py) and a content editor (Wagtail's "Editors" group), published and
draft pages. Every pattern is filled with objects that belong to side A (vendor A's id and
slug, buyer A's shortlist...) and requested as each of ROLES.

GET lists the expected status of every (pattern, role) pair; WRITE does the same for the views
that change state, with a POST/PATCH/DELETE that carries a valid CSRF token through a client
that enforces CSRF. A pattern missing from GET fails the test, and so does an entry whose
pattern is gone, so the matrix stays complete. On a mismatch the failure lists every differing
cell with the observed row, ready to compare.

Rules the tables encode (DESIGN.md "Roles", decisions 0005, 0006, 0007, 0010):
- anonymous: public pages and the public API; a private HTML page redirects to its login page
  (/akun/ for vendors, /belanja/masuk/ for buyers, /admin/login/ for the back office); the
  private API answers 403 (DRF's session authentication sends no 401 challenge).
- vendor B on vendor A's objects: 404, never 403, so ids do not leak; a signed-in user without
  a vendor is sent to the registration wizard (pages) or gets a 404 (API).
- buyer of OPD B on OPD A's shortlists and purchases: 404; OPD A's figures: 403 (0007).
- UKPBJ: verification queue, vendor documents, every OPD's figures and records (read-only).
- editors: Wagtail pages, images, documents and guidance snippets; not vendors, their
  documents, the queue or buyers' records.
- a vendor document is downloaded by its vendor's members and UKPBJ only (0005).
"""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

ROLES = ("anon", "vendor_a", "vendor_b", "buyer_a", "buyer_b", "ukpbj", "editor")
GROUPS = {
    "all": ROLES,
    "users": ROLES[1:],
    "vendors": ("vendor_a", "vendor_b"),
    "buyers": ("buyer_a", "buyer_b"),
    "staff": ("ukpbj", "editor"),
    "non_vendors": ("buyer_a", "buyer_b", "ukpbj", "editor"),
    "non_buyers": ("vendor_a", "vendor_b", "ukpbj", "editor"),
    # Signed in but without access to the back office.
    "public_users": ("vendor_a", "vendor_b", "buyer_a", "buyer_b"),
    "non_staff": ("anon", "vendor_a", "vendor_b", "buyer_a", "buyer_b"),
}

# A redirect is written "302>" + the start of its Location.
AKUN = "302>/akun/login/"
BELANJA = "302>/belanja/masuk/"
ADMIN = "302>/admin/login/"
WIZARD = "302>/usaha/daftar/"  # signed in without a vendor: start the registration
DENIED = "302>/admin/"  # Wagtail: in the back office, but not allowed here (message on the home)


def E(default=None, **cells) -> dict[str, object]:  # noqa: N802 - reads as a table row
    """One row: `default` for every role, then groups (GROUPS), then single roles."""
    row = dict.fromkeys(ROLES, default)
    for key in sorted(cells, key=lambda k: -len(GROUPS.get(k, (k,)))):  # big groups first
        for role in GROUPS.get(key, (key,)):
            assert role in ROLES, f"unknown role or group {key!r}"
            row[role] = cells[key]
    assert None not in row.values(), f"incomplete row {cells}"
    return row


# --- The world -----------------------------------------------------------------------------


def build_world() -> dict:
    """Everything the patterns need, on both sides; returns the users and side A's objects."""
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file
    from wagtail.models import Collection, Page, Site, Task, Workflow

    from catalog.models import ProductImage
    from cms.models import (
        CategoryGuidance,
        GuidanceIndexPage,
        GuidancePage,
        NewsIndexPage,
        NewsPage,
        Topic,
    )
    from cms.services import ensure_moderation_workflow
    from procurement import services as buying
    from procurement.models import Purchase, Shortlist
    from search.models import Synonym
    from tests.factories import (
        BuyerProfileFactory,
        CategoryFactory,
        OPDFactory,
        ProductFactory,
        UserFactory,
        VendorDocumentFactory,
        VendorFactory,
        VendorMemberFactory,
    )
    from vendors import services as vendoring
    from vendors.models import DeletionRequest, Desa, Kecamatan, LinkReview, VendorInvitation
    from vendors.roles import EDITORS_GROUP, ensure_ukpbj_group

    category = CategoryFactory(name="Alat tulis kantor", slug="alat-tulis-kantor")
    o: dict = {"category": category}
    users: dict = {"anon": None}

    def vendor_side(side: str):
        user = UserFactory(username=f"vendor-{side}", email=f"vendor-{side}@contoh.id")
        vendor = VendorFactory(
            name=f"Penyedia {side.upper()}", slug=f"penyedia-{side}",
            address=f"Jl. Rahasia Penyedia {side.upper()} No. 7",
        )  # fmt: skip
        member = VendorMemberFactory(user=user, vendor=vendor)
        product = ProductFactory(vendor=vendor, category=category, name=f"Kertas {side}")
        draft = ProductFactory(
            vendor=vendor, category=category, status="draft", name=f"Kertas draf {side}"
        )
        image = get_image_model().objects.create(
            title=f"foto {side}", file=get_test_image_file(filename=f"foto-{side}.png")
        )
        photo = ProductImage.objects.create(product=product, image=image, alt_text="kertas")
        # A photo's title is its product's name (catalog.services.add_product_image).
        draft_photo = get_image_model().objects.create(
            title=draft.name, file=get_test_image_file(filename=f"draf-{side}.png")
        )
        ProductImage.objects.create(product=draft, image=draft_photo, alt_text=draft.name)
        document = VendorDocumentFactory(vendor=vendor, uploaded_by=user)
        invitation = VendorInvitation.objects.create(
            vendor=vendor,
            email=f"staf-{side}@contoh.id",
            invited_by=user,
            expires_at=dt.datetime(2100, 1, 1, tzinfo=dt.UTC),
        )
        revision = vendoring.propose_key_changes(
            vendor=vendor, user=user, changes={"name": {"old": vendor.name, "new": "Baru"}}
        )
        link = LinkReview.objects.create(
            vendor=vendor, object_type="vendor", object_id=vendor.pk, field="website",
            url=f"https://toko-{side}.contoh.id/", host=f"toko-{side}.contoh.id",
        )  # fmt: skip
        vendoring.record_event(
            actor=user, action="update", obj=vendor, vendor=vendor,
            changes={"phone": {"old": "1", "new": "2"}},
        )  # fmt: skip
        users[f"vendor_{side}"] = user
        return {
            "vendor": vendor, "member": member, "product": product, "draft_product": draft,
            "image": image, "photo": photo, "document": document, "invitation": invitation,
            "revision": revision, "link": link,
        }  # fmt: skip

    def buyer_side(side: str, product):
        opd = OPDFactory(name=f"Dinas {side.upper()}", slug=f"dinas-{side}")
        user = BuyerProfileFactory(user=UserFactory(username=f"pembeli-{side}"), opd=opd).user
        shortlist = buying.create_shortlist(
            user=user, title=f"ATK rapat {side}", pagu=5_000_000, planned_year=2026,
            planned_quarter=1,
        )  # fmt: skip
        item = buying.add_item(shortlist=shortlist, user=user, product=product)
        outreach, _created = buying.request_outreach(item=item, user=user)
        locked = buying.create_shortlist(
            user=user, title=f"Snack {side}", pagu=1_000_000, planned_year=2026,
            planned_quarter=2,
        )  # fmt: skip
        buying.add_item(shortlist=locked, user=user, product=product)
        locked = buying.lock_shortlist(shortlist=locked)
        export = buying.record_export(shortlist=locked, user=user, format="csv")
        purchase = buying.record_purchase(
            user=user, outcome=Purchase.Outcome.BOUGHT, item=item, amount=1_000_000,
            purchased_at=dt.datetime(2026, 2, 2, 10, tzinfo=dt.UTC), channel="toko_daring",
            order_reference=f"PO-RAHASIA-{side.upper()}",
        )  # fmt: skip
        budget = buying.set_budget(opd=opd, year=2026, pagu_goods_services=10**9, user=user)
        users[f"buyer_{side}"] = user
        return {
            "opd": opd, "profile": user.buyer_profile, "shortlist": Shortlist.objects.get(
                pk=shortlist.pk), "item": item, "outreach": outreach, "locked": locked,
            "export": export, "purchase": purchase, "budget": budget,
        }  # fmt: skip

    a = vendor_side("a")
    vendor_side("b")
    buying_a = buyer_side("a", a["product"])
    buyer_side("b", a["product"])
    draft_vendor = VendorFactory(name="Penyedia Draf", slug="penyedia-draf", status="draft")
    draft_member = VendorMemberFactory(vendor=draft_vendor)
    o["deletion_request"] = DeletionRequest.objects.create(
        vendor=draft_vendor, vendor_ref=draft_vendor.pk, vendor_name=draft_vendor.name,
        previous_status="draft", requested_by=draft_member.user,
        due_at=dt.datetime(2100, 1, 1, tzinfo=dt.UTC),
    )  # fmt: skip
    ProductFactory(vendor=draft_vendor, category=category)

    ukpbj = UserFactory(username="ukpbj", email="ukpbj@contoh.id")
    ukpbj.groups.add(ensure_ukpbj_group())
    editor = UserFactory(username="editor", email="editor@contoh.id")
    editor.groups.add(Group.objects.get(name=EDITORS_GROUP))
    users.update(ukpbj=ukpbj, editor=editor)

    # Pages: a published guidance page and a draft news page; the editors' permissions and
    # the moderation workflow as cms.services sets them up.
    home = Page.objects.get(depth=2)
    ensure_moderation_workflow(home=home)
    guidance_index = home.add_child(instance=GuidanceIndexPage(title="Panduan", slug="panduan"))
    page = guidance_index.add_child(instance=GuidancePage(title="Cara belanja", slug="cara"))
    page.save_revision().publish()
    news_index = home.add_child(instance=NewsIndexPage(title="Berita", slug="berita"))
    draft_page = news_index.add_child(
        instance=NewsPage(title="Berita draf", slug="berita-draf", live=False)
    )
    draft_page.save_revision()
    topic = Topic.objects.create(name="E-purchasing", slug="e-purchasing")
    guidance_link = CategoryGuidance.objects.create(category=category, page=page)
    collection = Collection.get_first_root_node().get_children().first()
    document_model = get_document_model()
    wagtail_document = document_model.objects.create(title="Panduan PDF", collection=collection)
    wagtail_document.file.save("panduan.pdf", io.BytesIO(b"%PDF-1.4\n%%EOF\n"))

    o.update({f"{k}_a": v for k, v in a.items()})
    o.update({f"{k}_a": v for k, v in buying_a.items()})
    o.update(
        draft_vendor=draft_vendor,
        kecamatan=Kecamatan.objects.get(name="Batang"),
        desa=Desa.objects.first(),
        page=page,
        page_revision=page.latest_revision,
        guidance_index=guidance_index,
        draft_page=draft_page,
        home=home,
        site=Site.objects.get(is_default_site=True),
        topic=topic,
        guidance_link=guidance_link,
        synonym=Synonym.objects.create(phrase="kertas fotokopi", expansions="hvs"),
        collection=collection,
        wagtail_document=wagtail_document,
        redirect=Redirect.objects.create(old_path="/lama", redirect_link="/"),
        workflow=Workflow.objects.first(),
        task=Task.objects.first(),
        ukpbj_group=Group.objects.get(name="UKPBJ"),
        user_vendor_a=users["vendor_a"],
    )
    return {"users": users, "objects": o}


# --- Patterns and their parameters ---------------------------------------------------------

OUR_APPS = ("vendors", "catalog", "procurement", "cms", "search", "config")


def all_patterns(resolver=None, prefix="", namespace=""):
    """(route, qualified name, URLPattern) for every pattern, through every include."""
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace and (f"{namespace}:{p.namespace}" if namespace else p.namespace)
            yield from all_patterns(p, prefix + str(p.pattern), ns or namespace)
        else:
            name = p.name and (f"{namespace}:{p.name}" if namespace else p.name)
            yield prefix + str(p.pattern), name, p


def keyed_patterns() -> dict[str, tuple[str, str | None, URLPattern]]:
    """Each pattern under its URL name, or its route when it has no name or shares one."""
    rows = list(all_patterns())
    names = [name for _route, name, _p in rows]
    return {
        (name if name and names.count(name) == 1 else route): (route, name, p)
        for route, name, p in rows
    }


def our_viewset_namespaces() -> set[str]:
    """URL namespaces of the back-office viewsets and snippets of our own apps."""
    from wagtail.admin.viewsets import viewsets

    _ = get_resolver().url_patterns  # registering the admin URLs registers the viewsets
    found = set()
    for viewset in viewsets.viewsets:
        model = getattr(viewset, "model", None)
        label = model.split(".")[0] if isinstance(model, str) else model and model._meta.app_label
        if label in OUR_APPS:
            found.add(viewset.url_namespace)
    return found


def is_ours(key: str, name: str | None, pattern: URLPattern, namespaces: set[str]) -> bool:
    module = getattr(pattern.callback, "__module__", "")
    return module.split(".")[0] in OUR_APPS or (name or "").split(":")[0] in namespaces


# The object whose pk fills `pk` (and friends), by URL name or namespace prefix.
PK_OF = {
    "penyedia:": "vendor_a",
    "anggota-penyedia:": "member_a",
    "dokumen-penyedia:": "document_a",
    "kecamatan:": "kecamatan",
    "desa:": "desa",
    "produk:": "product_a",
    "kategori:": "category",
    "opd:": "opd_a",
    "profil-pembeli:": "profile_a",
    "daftar-pendek:": "shortlist_a",
    "pembelian:": "purchase_a",
    "pagu-opd:": "budget_a",
    "pendampingan-inaproc:": "outreach_a",
    "wagtailsnippets_search_synonym:": "synonym",
    "wagtailsnippetchoosers_search_synonym:": "synonym",
    "wagtailsnippets_cms_topic:": "topic",
    "wagtailsnippetchoosers_cms_topic:": "topic",
    "wagtailsnippets_cms_categoryguidance:": "guidance_link",
    "wagtailsnippetchoosers_cms_categoryguidance:": "guidance_link",
    "wagtailimages": "image_a",
    "wagtaildocs": "wagtail_document",
    "wagtailusers_users:": "user_vendor_a",
    "wagtailusers_groups:": "ukpbj_group",
    "wagtailsites:": "site",
    "wagtailredirects:": "redirect",
    "wagtailadmin_collections:": "collection",
    "wagtailadmin_workflows:": "workflow",
    "wagtailadmin_workflows:edit_task": "task",
    "wagtailadmin_workflows:enable_task": "task",
    "wagtailadmin_workflows:disable_task": "task",
    "wagtailadmin_api:pages:": "page",
    "wagtailadmin_api:images:": "image_a",
    "wagtailadmin_api:documents:": "wagtail_document",
    "wagtailapi:pages:": "page",
    "wagtailapi:images:": "image_a",
    "wagtailapi:documents:": "wagtail_document",
    "wagtailadmin_pages:": "page",
    "wagtailsettings:": "site",
    "api:product-detail": "product_a",
    "catalog:": "product_a",
    "procurement:purchase_detail": "purchase_a",
    "procurement:": "shortlist_a",
    "vendor_self:products:": "product_a",
    "vendor_self:personal_data_download": "vendor_a",
    "ukpbj_deletion": "deletion_request",
    "vendor_self:": "document_a",
    "me_vendor_document": "document_a",
    "me_vendor_product": "product_a",
    "me-shortlist-item": "item_a",
    "me-shortlist": "shortlist_a",
    "me-purchase": "purchase_a",
    "ukpbj_vendor": "vendor_a",
    "stats-opd": "opd_a",
}

# Other parameters, by their name.
PARAM = {
    "slug": lambda o: o["category"].slug,
    "page_id": lambda o: o["page"].pk,
    "parent_page_id": lambda o: o["guidance_index"].pk,
    "page_to_move_id": lambda o: o["page"].pk,
    "destination_id": lambda o: o["guidance_index"].pk,
    "page_pk": lambda o: o["home"].pk,
    "workflow_pk": lambda o: o["workflow"].pk,
    "revision_id": lambda o: o["page_revision"].pk,
    "revision_id_a": lambda o: "earliest",
    "revision_id_b": lambda o: "latest",
    "task_id": lambda o: o["task"].pk,
    "task_state_id": lambda o: 999999,
    "workflow_state_id": lambda o: 999999,
    "session_id": lambda o: 999999,
    "uploaded_file_id": lambda o: 999999,
    "restriction_id": lambda o: 999999,
    "page_view_restriction_id": lambda o: 999999,
    "image_id": lambda o: o["image_a"].pk,
    "document_id": lambda o: o["wagtail_document"].pk,
    "doc_id": lambda o: o["wagtail_document"].pk,
    "collection_id": lambda o: o["collection"].pk,
    "redirect_id": lambda o: o["redirect"].pk,
    "app_label": lambda o: "cms",
    "app_name": lambda o: "cms",
    "model_name": lambda o: "newspage",
    "content_type_app_name": lambda o: "cms",
    "content_type_model_name": lambda o: "newspage",
    "action": lambda o: "delete",
    "action_name": lambda o: "approve",
    "object_id": lambda o: o["page"].pk,
    "filter_spec": lambda o: "original",
    "uidb64": lambda o: "MQ",
    "token": lambda o: o["invitation_a"].token,
    "uidb36": lambda o: "1",
    "key": lambda o: "kunci-palsu",
    "step": lambda o: "usaha",
    "section": lambda o: "penyedia",
    "item_pk": lambda o: o["item_a"].pk,
    "shortlist_pk": lambda o: o["shortlist_a"].pk,
}

# Parameters that differ from the defaults above, by pattern key.
PARAMS_OF = {
    "vendors:detail": {"slug": lambda o: o["vendor_a"].slug},
    "api:vendor-detail": {"slug": lambda o: o["vendor_a"].slug},
    "api:vendor-products": {"slug": lambda o: o["vendor_a"].slug},
    "catalog:product": {"slug": lambda o: o["product_a"].slug},
    "catalog:kecamatan": {"slug": lambda o: o["kecamatan"].slug},
    "procurement:stats_opd": {"slug": lambda o: o["opd_a"].slug},
    "stats-opd": {"slug": lambda o: o["opd_a"].slug},
    "procurement:shortlist_xlsx": {"pk": lambda o: o["locked_a"].pk},
    "procurement:shortlist_csv": {"pk": lambda o: o["locked_a"].pk},
    "me-shortlist-export-csv": {"pk": lambda o: o["locked_a"].pk},
    "me-shortlist-export-xlsx": {"pk": lambda o: o["locked_a"].pk},
    "me-shortlist-exports": {"pk": lambda o: o["locked_a"].pk},
    "catalog:product-short": {"pk": lambda o: o["product_a"].pk},
    "wagtail_bulk_action": {
        "app_label": lambda o: "wagtailcore",
        "model_name": lambda o: "page",
    },
    "wagtailadmin_workflows:add_task": {
        "app_label": lambda o: "wagtailcore",
        "model_name": lambda o: "groupapprovaltask",
    },
    "wagtailadmin_pages:choose_parent": {"model_name": lambda o: "newspage"},
    "wagtailadmin_editing_sessions:ping": {
        "app_label": lambda o: "wagtailcore",
        "model_name": lambda o: "page",
    },
    "wagtailadmin_api:pages:action": {"action_name": lambda o: "copy"},
}

# Patterns without names or with positional groups: their URL, written out.
URL_OF = {
    "wagtaildocs_serve": lambda o: f"/dokumen/{o['wagtail_document'].pk}/panduan.pdf",
    "wagtail_serve": lambda o: o["page"].url,
    "^api/v1/.*/$": lambda o: "/api/v1/tidak-ada/",
    "admin/^.*/$": lambda o: "/admin/tidak-ada/",
    "admin/test404/": lambda o: "/admin/test404/",
    "admin/settings/<slug:app_name>/<slug:model_name>/": lambda o: "/admin/settings/cms/x/",
    "admin/settings/<slug:app_name>/<slug:model_name>/<int:pk>/": (
        lambda o: "/admin/settings/cms/x/1/"
    ),
}

# More than one case for some patterns: "<key>#<case>" -> URL.
EXTRA_CASES = {
    "vendors:detail#draft-vendor": lambda o: f"/penyedia/{o['draft_vendor'].slug}/",
    "api:vendor-detail#draft-vendor": lambda o: f"/api/v1/vendors/{o['draft_vendor'].slug}/",
    "catalog:product#draft-product": lambda o: o["draft_product_a"].get_absolute_url(),
    "api:product-detail#draft-product": lambda o: f"/api/v1/products/{o['draft_product_a'].pk}/",
    "wagtail_serve#draft-page": lambda o: "/berita/berita-draf/",
    "wagtailadmin_pages:edit#draft-page": (
        lambda o: reverse("wagtailadmin_pages:edit", args=[o["draft_page"].pk])
    ),
}


def pattern_params(pattern: URLPattern) -> list[str]:
    regex = pattern.pattern.regex
    return list(regex.groupindex)


def url_for(key: str, name: str | None, pattern: URLPattern, o: dict) -> str:
    if key in URL_OF:
        return URL_OF[key](o)
    kwargs = {}
    for param in pattern_params(pattern):
        if param in PARAMS_OF.get(key, {}):
            kwargs[param] = PARAMS_OF[key][param](o)
        elif param == "pk":
            prefixes = [p for p in PK_OF if name.startswith(p)]
            if not prefixes:
                raise LookupError(f"{key}: name the object whose pk fills it in PK_OF")
            kwargs[param] = o[PK_OF[max(prefixes, key=len)]].pk
        else:
            kwargs[param] = PARAM[param](o)
    return reverse(name, kwargs=kwargs)


# --- Requests ------------------------------------------------------------------------------

CSRF_TOKEN = "a" * 32  # any 32-character secret works as cookie and header alike


class Roles:
    """One CSRF-enforcing client per role; each request runs in a savepoint rolled back after
    it, so every request sees the same world whatever the one before it changed."""

    def __init__(self, users, secrets=()):
        self.secrets = secrets
        self.leaks: list[str] = []
        self.sessions = {}
        for role, user in users.items():
            client = Client()
            if user is not None:
                client.force_login(user)
            self.sessions[role] = client.cookies.get(settings.SESSION_COOKIE_NAME)
        self.clients = {role: Client(enforce_csrf_checks=True) for role in users}
        self.count = 0

    def request(self, role, method, url, data=None, *, csrf=True) -> str:
        client = self.clients[role]
        client.cookies.clear()
        if self.sessions[role] is not None:
            client.cookies[settings.SESSION_COOKIE_NAME] = self.sessions[role].value
        extra = {}
        if csrf:
            client.cookies[settings.CSRF_COOKIE_NAME] = CSRF_TOKEN
            extra["HTTP_X_CSRFTOKEN"] = CSRF_TOKEN
        self.count += 1
        try:
            with transaction.atomic():
                if method == "GET":
                    response = client.get(url, **extra)
                elif method == "POST":
                    response = client.post(url, data or {}, **extra)
                else:
                    response = client.generic(
                        method, url, json.dumps(data or {}), "application/json", **extra
                    )
                transaction.set_rollback(True)
        except Exception as exc:  # a crash is a cell of the table too
            return f"500 {type(exc).__name__}: {str(exc)[:80]}"
        if 300 <= response.status_code < 400:
            return f"{response.status_code}>{response.get('Location', '')}"
        if response.status_code == 200 and self.secrets:
            self.look_for_secrets(role, method, url, response)
        return response.status_code

    def look_for_secrets(self, role, method, url, response):
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode("utf-8", errors="ignore")
        for label, secret, allowed, capability in self.secrets:
            if role not in allowed and secret in text and not (capability and capability in url):
                self.leaks.append(f"{method} {url} as {role} shows {label} ({secret!r})")


def matches(expected, observed) -> bool:
    """A redirect matches on status and Location path (its ?next= is not compared); a crash
    ("500 ValueError: ...") matches 500."""
    if isinstance(observed, str):
        status, _sep, location = observed.partition(">")
        status = int(status.split()[0])
        if isinstance(expected, str):
            want_status, _sep, want_location = expected.partition(">")
            return status == int(want_status) and location.split("?")[0] == want_location
        return status == expected
    return observed == expected


def report(title, rows: dict[str, dict], expected: dict[str, dict]) -> str:
    """Every differing row, the expectation next to what happened."""
    lines = [title]
    for key, observed in rows.items():
        want = expected.get(key)
        if want is not None and all(matches(want[r], observed[r]) for r in ROLES):
            continue
        lines.append(f"  {key!r}:")
        for role in ROLES:
            mark = "  " if want is not None and matches(want[role], observed[role]) else "!!"
            lines.append(
                f"    {mark} {role:9} expected {want and want[role]!s:22} got {observed[role]}"
            )
    return "\n".join(lines)


@pytest.fixture(scope="class")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once for the class inside a transaction that is rolled back at the end."""
    media = tmp_path_factory.mktemp("authz")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media / "media", PRIVATE_MEDIA_ROOT=media / "private"),
    ):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            built = build_world()
            built["media"] = media
            yield built
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def roles(world, settings, _media_in_tmp):
    # The world's files live in the class's folder, not in this test's.
    settings.MEDIA_ROOT = world["media"] / "media"
    settings.PRIVATE_MEDIA_ROOT = world["media"] / "private"
    return Roles(world["users"])


def expectation_for(key: str, table: dict) -> dict | None:
    """The row of `key`: its own, else the longest "prefix*" group that covers it."""
    if key in table:
        return table[key]
    groups = [g for g in table if g.endswith("*") and key.startswith(g[:-1])]
    return table[max(groups, key=len)] if groups else None


def get_cases(world) -> dict[str, str]:
    o = world["objects"]
    cases = {}
    for key, (_route, name, pattern) in keyed_patterns().items():
        try:
            cases[key] = url_for(key, name, pattern, o)
        except LookupError as exc:  # reported as the row's failure, the walk goes on
            cases[key] = f"/!{exc}"
    cases.update({key: make(o) for key, make in EXTRA_CASES.items()})
    return cases


def secrets_of(o) -> list[tuple[str, str, set[str], str | None]]:
    """Side A's strings that only some roles may see, searched for in every 200 response:
    (label, string, roles allowed to see it, a URL part that grants it to anyone)."""
    vendor_side = {"vendor_a", "ukpbj"}
    buyer_side = {"buyer_a", "ukpbj"}
    return [
        ("vendor A's NPWP", o["vendor_a"].npwp, vendor_side, None),
        ("vendor A's NIB", o["vendor_a"].nib, vendor_side, None),
        ("vendor A's street address", o["vendor_a"].address, vendor_side, None),
        ("vendor A's document number", o["document_a"].number, vendor_side, None),
        ("vendor A's draft product", o["draft_product_a"].name, vendor_side, None),
        # The invitation link is the capability: its holder is told which email it is for.
        ("vendor A's invitation", o["invitation_a"].email, vendor_side, o["invitation_a"].token),
        ("buyer A's shortlist", o["shortlist_a"].title, buyer_side, None),
        ("buyer A's purchase", o["purchase_a"].order_reference, buyer_side, None),
    ]


GET: dict[str, dict] = {
    # --- our own views, one row each ---
    "healthz": E(200),
    "ukpbj_queue": E(ADMIN, ukpbj=200, editor=DENIED),
    "ukpbj_vendor_review": E(ADMIN, ukpbj=200, editor=DENIED),
    "ukpbj_vendor_audit": E(ADMIN, ukpbj=200, editor=DENIED),
    "ukpbj_outreach": E(ADMIN, ukpbj=200, editor=DENIED),
    "ukpbj_deletion_requests": E(ADMIN, ukpbj=200, editor=DENIED),
    "ukpbj_deletion_carry_out": E(ADMIN, staff=405),
    "penyedia:index": E(ADMIN, ukpbj=200, editor=DENIED),
    "penyedia:index_results": E(ADMIN, ukpbj=200, editor=DENIED),
    "penyedia:add": E(ADMIN, ukpbj=200, editor=DENIED),
    "penyedia:edit": E(ADMIN, ukpbj=200, editor=DENIED),
    "penyedia:delete": E(ADMIN, staff=DENIED),
    "penyedia:history": E(ADMIN, ukpbj=200, editor=DENIED),
    "penyedia:history_results": E(ADMIN, ukpbj=200, editor=DENIED),
    "penyedia:usage": E(ADMIN, ukpbj=200, editor=DENIED),
    "anggota-penyedia:index": E(ADMIN, ukpbj=200, editor=DENIED),
    "anggota-penyedia:index_results": E(ADMIN, ukpbj=200, editor=DENIED),
    "anggota-penyedia:add": E(ADMIN, ukpbj=200, editor=DENIED),
    "anggota-penyedia:edit": E(ADMIN, ukpbj=200, editor=DENIED),
    "anggota-penyedia:delete": E(ADMIN, staff=DENIED),
    "anggota-penyedia:history": E(ADMIN, ukpbj=200, editor=DENIED),
    "anggota-penyedia:history_results": E(ADMIN, ukpbj=200, editor=DENIED),
    "anggota-penyedia:usage": E(ADMIN, ukpbj=200, editor=DENIED),
    "dokumen-penyedia:index": E(ADMIN, ukpbj=200, editor=DENIED),
    "dokumen-penyedia:index_results": E(ADMIN, ukpbj=200, editor=DENIED),
    "dokumen-penyedia:add": E(ADMIN, ukpbj=200, editor=DENIED),
    "dokumen-penyedia:edit": E(ADMIN, ukpbj=200, editor=DENIED),
    "dokumen-penyedia:delete": E(ADMIN, staff=DENIED),
    "dokumen-penyedia:history": E(ADMIN, ukpbj=200, editor=DENIED),
    "dokumen-penyedia:history_results": E(ADMIN, ukpbj=200, editor=DENIED),
    "dokumen-penyedia:usage": E(ADMIN, ukpbj=200, editor=DENIED),
    "kecamatan:index": E(ADMIN, ukpbj=200, editor=DENIED),
    "kecamatan:index_results": E(ADMIN, ukpbj=200, editor=DENIED),
    "kecamatan:add": E(ADMIN, staff=DENIED),
    "kecamatan:edit": E(ADMIN, staff=DENIED),
    "kecamatan:delete": E(ADMIN, staff=DENIED),
    "kecamatan:history": E(ADMIN, staff=DENIED),
    "kecamatan:history_results": E(ADMIN, staff=DENIED),
    "kecamatan:usage": E(ADMIN, staff=DENIED),
    "kecamatan:inspect": E(ADMIN, ukpbj=200, editor=DENIED),
    "desa:index": E(ADMIN, ukpbj=200, editor=DENIED),
    "desa:index_results": E(ADMIN, ukpbj=200, editor=DENIED),
    "desa:add": E(ADMIN, staff=DENIED),
    "desa:edit": E(ADMIN, staff=DENIED),
    "desa:delete": E(ADMIN, staff=DENIED),
    "desa:history": E(ADMIN, staff=DENIED),
    "desa:history_results": E(ADMIN, staff=DENIED),
    "desa:usage": E(ADMIN, staff=DENIED),
    "desa:inspect": E(ADMIN, ukpbj=200, editor=DENIED),
    "produk:index": E(ADMIN, ukpbj=200, editor=DENIED),
    "produk:index_results": E(ADMIN, ukpbj=200, editor=DENIED),
    "produk:add": E(ADMIN, ukpbj=200, editor=DENIED),
    "produk:edit": E(ADMIN, ukpbj=200, editor=DENIED),
    "produk:delete": E(ADMIN, staff=DENIED),
    "produk:history": E(ADMIN, ukpbj=200, editor=DENIED),
    "produk:history_results": E(ADMIN, ukpbj=200, editor=DENIED),
    "produk:usage": E(ADMIN, ukpbj=200, editor=DENIED),
    "kategori:index": E(ADMIN, ukpbj=200, editor=DENIED),
    "kategori:index_results": E(ADMIN, ukpbj=200, editor=DENIED),
    "kategori:add": E(ADMIN, ukpbj=200, editor=DENIED),
    "kategori:edit": E(ADMIN, ukpbj=200, editor=DENIED),
    "kategori:delete": E(ADMIN, staff=DENIED),
    "kategori:history": E(ADMIN, ukpbj=200, editor=DENIED),
    "kategori:history_results": E(ADMIN, ukpbj=200, editor=DENIED),
    "kategori:usage": E(ADMIN, ukpbj=200, editor=DENIED),
    "opd:index": E(ADMIN, ukpbj=200, editor=DENIED),
    "opd:index_results": E(ADMIN, ukpbj=200, editor=DENIED),
    "opd:add": E(ADMIN, ukpbj=200, editor=DENIED),
    "opd:edit": E(ADMIN, ukpbj=200, editor=DENIED),
    "opd:delete": E(ADMIN, staff=DENIED),
    "opd:history": E(ADMIN, ukpbj=200, editor=DENIED),
    "opd:history_results": E(ADMIN, ukpbj=200, editor=DENIED),
    "opd:usage": E(ADMIN, ukpbj=200, editor=DENIED),
    "profil-pembeli:index": E(ADMIN, ukpbj=200, editor=DENIED),
    "profil-pembeli:index_results": E(ADMIN, ukpbj=200, editor=DENIED),
    "profil-pembeli:add": E(ADMIN, ukpbj=200, editor=DENIED),
    "profil-pembeli:edit": E(ADMIN, ukpbj=200, editor=DENIED),
    "profil-pembeli:delete": E(ADMIN, staff=DENIED),
    "profil-pembeli:history": E(ADMIN, ukpbj=200, editor=DENIED),
    "profil-pembeli:history_results": E(ADMIN, ukpbj=200, editor=DENIED),
    "profil-pembeli:usage": E(ADMIN, ukpbj=200, editor=DENIED),
    "daftar-pendek:index": E(ADMIN, ukpbj=200, editor=DENIED),
    "daftar-pendek:index_results": E(ADMIN, ukpbj=200, editor=DENIED),
    "daftar-pendek:add": E(ADMIN, staff=DENIED),
    "daftar-pendek:edit": E(ADMIN, staff=DENIED),
    "daftar-pendek:delete": E(ADMIN, staff=DENIED),
    "daftar-pendek:history": E(ADMIN, staff=DENIED),
    "daftar-pendek:history_results": E(ADMIN, staff=DENIED),
    "daftar-pendek:usage": E(ADMIN, staff=DENIED),
    "daftar-pendek:inspect": E(ADMIN, ukpbj=200, editor=DENIED),
    "pembelian:index": E(ADMIN, ukpbj=200, editor=DENIED),
    "pembelian:index_results": E(ADMIN, ukpbj=200, editor=DENIED),
    "pembelian:add": E(ADMIN, staff=DENIED),
    "pembelian:edit": E(ADMIN, staff=DENIED),
    "pembelian:delete": E(ADMIN, staff=DENIED),
    "pembelian:history": E(ADMIN, staff=DENIED),
    "pembelian:history_results": E(ADMIN, staff=DENIED),
    "pembelian:usage": E(ADMIN, staff=DENIED),
    "pembelian:inspect": E(ADMIN, ukpbj=200, editor=DENIED),
    "pagu-opd:index": E(ADMIN, ukpbj=200, editor=DENIED),
    "pagu-opd:index_results": E(ADMIN, ukpbj=200, editor=DENIED),
    "pagu-opd:add": E(ADMIN, staff=DENIED),
    "pagu-opd:edit": E(ADMIN, staff=DENIED),
    "pagu-opd:delete": E(ADMIN, staff=DENIED),
    "pagu-opd:history": E(ADMIN, staff=DENIED),
    "pagu-opd:history_results": E(ADMIN, staff=DENIED),
    "pagu-opd:usage": E(ADMIN, staff=DENIED),
    "pagu-opd:inspect": E(ADMIN, ukpbj=200, editor=DENIED),
    "pendampingan-inaproc:index": E(ADMIN, ukpbj=200, editor=DENIED),
    "pendampingan-inaproc:index_results": E(ADMIN, ukpbj=200, editor=DENIED),
    "pendampingan-inaproc:add": E(ADMIN, staff=DENIED),
    "pendampingan-inaproc:edit": E(ADMIN, staff=DENIED),
    "pendampingan-inaproc:delete": E(ADMIN, staff=DENIED),
    "pendampingan-inaproc:history": E(ADMIN, staff=DENIED),
    "pendampingan-inaproc:history_results": E(ADMIN, staff=DENIED),
    "pendampingan-inaproc:usage": E(ADMIN, staff=DENIED),
    "pendampingan-inaproc:inspect": E(ADMIN, ukpbj=200, editor=DENIED),
    "vendor_self:dashboard": E(200, anon=AKUN),
    "vendor_self:wizard": E("302>/usaha/daftar/usaha/", anon=AKUN),
    "vendor_self:submit": E(WIZARD, vendors=200, anon=AKUN),
    "vendor_self:wizard_step": E(200, anon=AKUN),
    "vendor_self:documents": E(WIZARD, vendors=200, anon=AKUN),
    "vendor_self:document_download": E(404, anon=AKUN, vendor_a=200, ukpbj=200),
    "vendor_self:document_delete": E(405),
    "vendor_self:members": E(WIZARD, vendors=200, anon=AKUN),
    "vendor_self:accept_invitation": E(200, anon=AKUN),
    "vendor_self:personal_data": E(WIZARD, vendors=200, anon=AKUN),
    "vendor_self:personal_data_delete": E(WIZARD, vendors=200, anon=AKUN),
    "vendor_self:personal_data_download": E(404, anon=AKUN, vendor_a=200, ukpbj=200),
    "vendor_self:products:list": E(WIZARD, vendors=200, anon=AKUN),
    "vendor_self:products:create": E(WIZARD, vendors=200, anon=AKUN),
    "vendor_self:products:import": E(WIZARD, vendors=200, anon=AKUN),
    "vendor_self:products:export": E(WIZARD, vendors=200, anon=AKUN),
    "vendor_self:products:edit": E(WIZARD, anon=AKUN, vendor_a=200, vendor_b=404),
    "vendor_self:products:archive": E(405),
    "me_vendor": E(404, vendors=200, anon=403),
    "me_vendor_step": E(405, anon=403),
    "me_vendor_submit": E(405, anon=403),
    "me_vendor_readiness": E(404, vendors=200, anon=403),
    "me_vendor_documents": E(404, vendors=200, anon=403),
    "me_vendor_document": E(404, anon=403, vendor_a=200),
    "me_vendor_document_file": E(404, anon=403, vendor_a=200),
    "me_vendor_products": E(404, vendors=200, anon=403),
    "me_vendor_import": E(405, anon=403),
    "me_vendor_export": E(404, vendors=200, anon=403),
    "me_vendor_product": E(404, anon=403, vendor_a=200),
    "me_vendor_product_archive": E(405, anon=403),
    "me_vendor_invitations": E(405, anon=403),
    "site_search": E(200),
    "search:page": E(200),
    "search_api:search": E(200),
    "search_api:suggest": E(200),
    "api:vendors-csv": E(200),
    "api:products-csv": E(200),
    "api:schema": E(200),
    "api:docs": E(200),
    "api:redoc": E(200),
    "api:vendor-list": E(200),
    "api:vendor-detail": E(200),
    "api:vendor-products": E(200),
    "api:product-list": E(200),
    "api:product-detail": E(200),
    "api:category-list": E(200),
    "api:kecamatan-list": E(200),
    "api:opd-list": E(200),
    "stats-regency": E(200),
    "stats-opds": E(403, ukpbj=200),
    "stats-opd": E(403, buyer_a=200, ukpbj=200),
    "me-shortlist-list": E(403, buyers=200),
    "me-shortlist-detail": E(403, buyer_a=200, buyer_b=404),
    "me-shortlist-export-csv": E(403, buyer_a=200, buyer_b=404),
    "me-shortlist-export-xlsx": E(403, buyer_a=200, buyer_b=404),
    "me-shortlist-exports": E(403, buyer_a=200, buyer_b=404),
    "me-shortlist-lock": E(403, buyers=405),
    "me-shortlist-item-list": E(403, buyer_a=200, buyer_b=404),
    "me-shortlist-item-detail": E(403, buyer_a=200, buyer_b=404),
    "me-shortlist-item-move": E(403, buyers=405),
    "me-purchase-list": E(403, buyers=200),
    "me-purchase-detail": E(403, buyer_a=200, buyer_b=404),
    "^api/v1/.*/$": E(404),
    "procurement:dashboard": E(403, buyers=200, anon=BELANJA, ukpbj="302>/belanja/statistik/opd/"),
    "procurement:login": E("302>/belanja/", anon=200),
    "procurement:logout": E(405),
    "procurement:shortlist_list": E(403, buyers=200, anon=BELANJA),
    "procurement:shortlist_create": E(403, buyers=200, anon=BELANJA),
    "procurement:shortlist_detail": E(403, anon=BELANJA, buyer_a=200, buyer_b=404),
    "procurement:shortlist_edit": E(403, anon=BELANJA, buyer_a=200, buyer_b=404),
    "procurement:shortlist_compare": E(403, anon=BELANJA, buyer_a=200, buyer_b=404),
    "procurement:shortlist_lock": E(403, buyers=405, anon=BELANJA),
    "procurement:shortlist_xlsx": E(403, anon=BELANJA, buyer_a=200, buyer_b=404),
    "procurement:shortlist_csv": E(403, anon=BELANJA, buyer_a=200, buyer_b=404),
    "procurement:shortlist_print": E(403, anon=BELANJA, buyer_a=302, buyer_b=404),
    "procurement:shortlist_outcome": E(403, anon=BELANJA, buyer_a=200, buyer_b=404),
    "procurement:item_remove": E(403, buyers=405, anon=BELANJA),
    "procurement:item_move": E(403, buyers=405, anon=BELANJA),
    "procurement:item_update": E(403, buyers=405, anon=BELANJA),
    "procurement:item_outreach": E(403, buyers=405, anon=BELANJA),
    "procurement:item_outcome": E(403, anon=BELANJA, buyer_a=200, buyer_b=404),
    "procurement:add_item": E(403, buyers=404, anon=BELANJA),
    "procurement:purchase_list": E(403, buyers=200, anon=BELANJA),
    "procurement:purchase_create": E(403, buyers=404, anon=BELANJA),
    "procurement:waiting": E(403, buyers=200, anon=BELANJA),
    "procurement:purchase_detail": E(403, anon=BELANJA, buyer_a=200, buyer_b=404),
    "procurement:budget": E(403, anon=BELANJA, ukpbj=200),
    "procurement:stats_regency": E(200),
    "procurement:stats_all_opds": E(403, anon=BELANJA, ukpbj=200),
    "procurement:stats_opd": E(403, anon=BELANJA, buyer_a=200, ukpbj=200),
    "sitemap": E(200),
    "sitemap-section": E(200),
    "vendors:directory": E(200),
    "vendors:detail": E(200),
    "catalog:product-short": E(301),
    "catalog:product": E(200),
    "catalog:category": E("302>/cari/"),
    "catalog:kecamatan": E("302>/cari/"),
    "vendors:detail#draft-vendor": E(404),
    "api:vendor-detail#draft-vendor": E(404),
    "catalog:product#draft-product": E(404),
    "api:product-detail#draft-product": E(404),
    # --- Wagtail and allauth (grouped by namespace where uniform) ---
    "wagtailredirects:*": E(ADMIN, staff=DENIED),
    "wagtailsites:*": E(ADMIN, staff=DENIED),
    "wagtailusers_users:*": E(ADMIN, staff=DENIED),
    "wagtailusers_groups:*": E(ADMIN, staff=DENIED),
    "wagtailadmin_home": E(ADMIN, staff=200),
    "admin/test404/": E(ADMIN, staff=200),
    "wagtailadmin_api:pages:listing": E(ADMIN, staff=200),
    "wagtailadmin_api:pages:detail": E(ADMIN, ukpbj=404, editor=200),
    "wagtailadmin_api:pages:find": E(ADMIN, staff=404),
    "wagtailadmin_api:pages:action": E(ADMIN, staff=405),
    "wagtailadmin_api:documents:listing": E(ADMIN, staff=200),
    "wagtailadmin_api:documents:detail": E(ADMIN, staff=200),
    "wagtailadmin_api:documents:find": E(ADMIN, staff=404),
    "wagtailadmin_api:images:listing": E(ADMIN, staff=200),
    "wagtailadmin_api:images:detail": E(ADMIN, staff=200),
    "wagtailadmin_api:images:find": E(ADMIN, staff=404),
    "wagtailadmin_error_test": E(ADMIN, staff=500),
    "wagtailadmin_explore_root": E(ADMIN, ukpbj=DENIED, editor=200),
    "wagtailadmin_explore": E(ADMIN, ukpbj=DENIED, editor=200),
    "wagtailadmin_explore_results": E(ADMIN, ukpbj=DENIED, editor=200),
    "wagtail_bulk_action": E(ADMIN, staff=404),
    "wagtailadmin_pages:add": E(ADMIN, staff=DENIED),
    "wagtailadmin_pages:preview_on_add": E(ADMIN, ukpbj=DENIED, editor=200),
    "wagtailadmin_pages:type_use": E(ADMIN, ukpbj=DENIED, editor=200),
    "wagtailadmin_pages:choose_parent": E(ADMIN, ukpbj=200, editor=302),
    "wagtailadmin_pages:type_use_results": E(ADMIN, ukpbj=DENIED, editor=200),
    "wagtailadmin_pages:usage": E(ADMIN, ukpbj=DENIED, editor=200),
    "wagtailadmin_pages:edit": E(ADMIN, ukpbj=DENIED, editor=200),
    "wagtailadmin_pages:preview_on_edit": E(ADMIN, ukpbj=DENIED, editor=200),
    "wagtailadmin_pages:view_draft": E(ADMIN, ukpbj=DENIED, editor=200),
    "wagtailadmin_pages:add_subpage": E(ADMIN, ukpbj=DENIED, editor=302),
    "wagtailadmin_pages:delete": E(ADMIN, staff=DENIED),
    "wagtailadmin_pages:unpublish": E(ADMIN, staff=DENIED),
    "wagtailadmin_pages:convert_alias": E(ADMIN, staff=404),
    "wagtailadmin_pages:search": E(ADMIN, ukpbj=DENIED, editor=200),
    "wagtailadmin_pages:search_results": E(ADMIN, ukpbj=DENIED, editor=200),
    "wagtailadmin_pages:move": E(ADMIN, staff=DENIED),
    "wagtailadmin_pages:move_confirm": E(ADMIN, staff=200),
    "wagtailadmin_pages:set_page_position": E(ADMIN, staff=405),
    "wagtailadmin_pages:copy": E(ADMIN, ukpbj=DENIED, editor=200),
    "wagtailadmin_pages:workflow_action": E(ADMIN, staff=404),
    "wagtailadmin_pages:collect_workflow_action_data": E(ADMIN, staff=404),
    "wagtailadmin_pages:confirm_workflow_cancellation": E(ADMIN, staff=200),
    "wagtailadmin_pages:workflow_preview": E(ADMIN, staff=DENIED),
    "wagtailadmin_pages:set_privacy": E(ADMIN, staff=DENIED),
    "wagtailadmin_pages:lock": E(ADMIN, staff=405),
    "wagtailadmin_pages:unlock": E(ADMIN, staff=405),
    "wagtailadmin_pages:revisions_index": E(ADMIN, staff=302),
    "wagtailadmin_pages:revisions_view": E(ADMIN, ukpbj=DENIED, editor=200),
    "wagtailadmin_pages:revisions_revert": E(ADMIN, ukpbj=DENIED, editor=200),
    "wagtailadmin_pages:revisions_unschedule": E(ADMIN, staff=DENIED),
    "wagtailadmin_pages:revisions_compare": E(ADMIN, ukpbj=DENIED, editor=200),
    "wagtailadmin_pages:workflow_history": E(ADMIN, ukpbj=DENIED, editor=200),
    "wagtailadmin_pages:workflow_history_detail": E(ADMIN, ukpbj=DENIED, editor=404),
    "wagtailadmin_pages:history": E(ADMIN, ukpbj=DENIED, editor=200),
    "wagtailadmin_pages:history_results": E(ADMIN, ukpbj=DENIED, editor=200),
    "wagtailadmin_choose_page": E(ADMIN, staff=200),
    "wagtailadmin_choose_page_child": E(ADMIN, staff=200),
    "wagtailadmin_choose_page_search": E(ADMIN, staff=200),
    "wagtailadmin_choose_page_chosen_multiple": E(ADMIN, staff=200),
    "wagtailadmin_choose_page_external_link": E(ADMIN, staff=200),
    "wagtailadmin_choose_page_email_link": E(ADMIN, staff=200),
    "wagtailadmin_choose_page_phone_link": E(ADMIN, staff=200),
    "wagtailadmin_choose_page_anchor_link": E(ADMIN, staff=200),
    "wagtailadmin_tag_autocomplete": E(ADMIN, staff=200),
    "wagtailadmin_tag_model_autocomplete": E(ADMIN, staff=404),
    "wagtailadmin_collections:index": E(ADMIN, staff=DENIED),
    "wagtailadmin_collections:add": E(ADMIN, staff=DENIED),
    "wagtailadmin_collections:edit": E(ADMIN, staff=DENIED),
    "wagtailadmin_collections:delete": E(ADMIN, staff=404),
    "wagtailadmin_collections:set_privacy": E(ADMIN, staff=DENIED),
    "wagtailadmin_workflows:index": E(ADMIN, staff=DENIED),
    "wagtailadmin_workflows:index_results": E(ADMIN, staff=DENIED),
    "wagtailadmin_workflows:add": E(ADMIN, staff=DENIED),
    "wagtailadmin_workflows:enable": E(ADMIN, staff=405),
    "wagtailadmin_workflows:disable": E(ADMIN, staff=DENIED),
    "wagtailadmin_workflows:edit": E(ADMIN, staff=DENIED),
    "wagtailadmin_workflows:usage": E(ADMIN, staff=DENIED),
    "wagtailadmin_workflows:usage_results": E(ADMIN, staff=DENIED),
    "admin/workflows/remove/<int:page_pk>/": E(ADMIN, staff=405),
    "admin/workflows/remove/<int:page_pk>/<int:workflow_pk>/": E(ADMIN, staff=405),
    "wagtailadmin_workflows:add_task": E(ADMIN, staff=DENIED),
    "wagtailadmin_workflows:select_task_type": E(ADMIN, staff=DENIED),
    "wagtailadmin_workflows:task_index": E(ADMIN, staff=DENIED),
    "wagtailadmin_workflows:task_index_results": E(ADMIN, staff=DENIED),
    "wagtailadmin_workflows:edit_task": E(ADMIN, staff=DENIED),
    "wagtailadmin_workflows:disable_task": E(ADMIN, staff=DENIED),
    "wagtailadmin_workflows:enable_task": E(ADMIN, staff=405),
    "wagtailadmin_workflows:task_chooser": E(ADMIN, staff=200),
    "wagtailadmin_workflows:task_chooser_results": E(ADMIN, staff=200),
    "wagtailadmin_workflows:task_chooser_create": E(ADMIN, staff=200),
    "wagtailadmin_workflows:task_chosen": E(ADMIN, staff=200),
    "wagtailadmin_reports:locked_pages": E(ADMIN, staff=DENIED),
    "wagtailadmin_reports:locked_pages_results": E(ADMIN, staff=DENIED),
    "wagtailadmin_reports:workflow": E(ADMIN, ukpbj=DENIED, editor=200),
    "wagtailadmin_reports:workflow_results": E(ADMIN, ukpbj=DENIED, editor=200),
    "wagtailadmin_reports:workflow_tasks": E(ADMIN, ukpbj=DENIED, editor=200),
    "wagtailadmin_reports:workflow_tasks_results": E(ADMIN, ukpbj=DENIED, editor=200),
    "wagtailadmin_reports:site_history": E(ADMIN, staff=200),
    "wagtailadmin_reports:site_history_results": E(ADMIN, staff=200),
    "wagtailadmin_reports:aging_pages": E(ADMIN, ukpbj=DENIED, editor=200),
    "wagtailadmin_reports:aging_pages_results": E(ADMIN, ukpbj=DENIED, editor=200),
    "wagtailadmin_reports:page_types_usage": E(ADMIN, ukpbj=DENIED, editor=200),
    "wagtailadmin_reports:page_types_usage_results": E(ADMIN, ukpbj=DENIED, editor=200),
    "wagtailadmin_account": E(ADMIN, staff=200),
    "wagtailadmin_logout": E(ADMIN, staff=405),
    "wagtailadmin_dismissibles": E(ADMIN, staff=200),
    "wagtailadmin_editing_sessions:ping": E(ADMIN, staff=405),
    "wagtailadmin_editing_sessions:release": E(ADMIN, staff=405),
    "wagtailadmin_block_preview": E(ADMIN, staff=404),
    "wagtailforms:index": E(ADMIN, ukpbj=DENIED, editor=200),
    "wagtailforms:index_results": E(ADMIN, ukpbj=DENIED, editor=200),
    "wagtailforms:list_submissions": E(ADMIN, staff=404),
    "wagtailforms:list_submissions_results": E(ADMIN, staff=404),
    "wagtailforms:delete_submissions": E(ADMIN, staff=DENIED),
    "admin/settings/<slug:app_name>/<slug:model_name>/": E(ADMIN, staff=404),
    "admin/settings/<slug:app_name>/<slug:model_name>/<int:pk>/": E(ADMIN, staff=404),
    "wagtailsettings:preview_on_edit": E(ADMIN, staff=404),
    "wagtailembeds:chooser": E(ADMIN, staff=200),
    "wagtailembeds:chooser_upload": E(ADMIN, staff=200),
    "wagtailsnippets:index": E(ADMIN, staff=DENIED),
    "wagtaildocs:index": E(ADMIN, ukpbj=DENIED, editor=200),
    "wagtaildocs:index_results": E(ADMIN, ukpbj=DENIED, editor=200),
    "wagtaildocs:add": E(ADMIN, ukpbj=DENIED, editor=200),
    "wagtaildocs:edit": E(ADMIN, ukpbj=DENIED, editor=200),
    "wagtaildocs:delete": E(ADMIN, ukpbj=DENIED, editor=200),
    "wagtaildocs:add_multiple": E(ADMIN, ukpbj=DENIED, editor=200),
    "wagtaildocs:edit_multiple": E(ADMIN, staff=405),
    "wagtaildocs:create_multiple_from_uploaded_document": E(ADMIN, staff=405),
    "wagtaildocs:delete_multiple": E(ADMIN, staff=405),
    "wagtaildocs:delete_upload_multiple": E(ADMIN, staff=405),
    "wagtaildocs:document_usage": E(ADMIN, ukpbj=DENIED, editor=200),
    "wagtailimages:index": E(ADMIN, ukpbj=DENIED, editor=200),
    "wagtailimages:index_results": E(ADMIN, ukpbj=DENIED, editor=200),
    "wagtailimages:edit": E(ADMIN, staff=DENIED),
    "wagtailimages:delete": E(ADMIN, staff=DENIED),
    "wagtailimages:url_generator": E(ADMIN, ukpbj=DENIED, editor=404),
    "wagtailimages:url_generator_output": E(ADMIN, ukpbj=DENIED, editor=404),
    "wagtailimages:preview": E(ADMIN, staff=DENIED),
    "wagtailimages:add": E(ADMIN, ukpbj=DENIED, editor=200),
    "wagtailimages:image_usage": E(ADMIN, staff=DENIED),
    "wagtailimages:add_multiple": E(ADMIN, ukpbj=DENIED, editor=200),
    "wagtailimages:edit_multiple": E(ADMIN, staff=405),
    "wagtailimages:create_multiple_from_uploaded_image": E(ADMIN, staff=405),
    "wagtailimages:delete_multiple": E(ADMIN, staff=405),
    "wagtailimages:delete_upload_multiple": E(ADMIN, staff=405),
    "wagtailsnippets_search_synonym:list": E(ADMIN, staff=DENIED),
    "wagtailsnippets_search_synonym:list_results": E(ADMIN, staff=DENIED),
    "wagtailsnippets_search_synonym:add": E(ADMIN, staff=DENIED),
    "wagtailsnippets_search_synonym:edit": E(ADMIN, staff=DENIED),
    "wagtailsnippets_search_synonym:delete": E(ADMIN, staff=DENIED),
    "wagtailsnippets_search_synonym:usage": E(ADMIN, staff=DENIED),
    "wagtailsnippets_search_synonym:history": E(ADMIN, staff=DENIED),
    "wagtailsnippets_search_synonym:history_results": E(ADMIN, staff=DENIED),
    "wagtailsnippets_search_synonym:copy": E(ADMIN, staff=DENIED),
    "wagtailsnippetchoosers_search_synonym:choose": E(ADMIN, staff=200),
    "wagtailsnippetchoosers_search_synonym:choose_results": E(ADMIN, staff=200),
    "wagtailsnippetchoosers_search_synonym:chosen": E(ADMIN, staff=200),
    "wagtailsnippetchoosers_search_synonym:chosen_multiple": E(ADMIN, staff=200),
    "wagtailsnippetchoosers_search_synonym:create": E(ADMIN, staff=DENIED),
    "wagtailsnippets_cms_topic:list": E(ADMIN, staff=DENIED),
    "wagtailsnippets_cms_topic:list_results": E(ADMIN, staff=DENIED),
    "wagtailsnippets_cms_topic:add": E(ADMIN, staff=DENIED),
    "wagtailsnippets_cms_topic:edit": E(ADMIN, staff=DENIED),
    "wagtailsnippets_cms_topic:delete": E(ADMIN, staff=DENIED),
    "wagtailsnippets_cms_topic:usage": E(ADMIN, staff=DENIED),
    "wagtailsnippets_cms_topic:history": E(ADMIN, staff=DENIED),
    "wagtailsnippets_cms_topic:history_results": E(ADMIN, staff=DENIED),
    "wagtailsnippets_cms_topic:copy": E(ADMIN, staff=DENIED),
    "wagtailsnippetchoosers_cms_topic:choose": E(ADMIN, staff=200),
    "wagtailsnippetchoosers_cms_topic:choose_results": E(ADMIN, staff=200),
    "wagtailsnippetchoosers_cms_topic:chosen": E(ADMIN, staff=200),
    "wagtailsnippetchoosers_cms_topic:chosen_multiple": E(ADMIN, staff=200),
    "wagtailsnippetchoosers_cms_topic:create": E(ADMIN, staff=DENIED),
    "wagtailsnippets_cms_categoryguidance:list": E(ADMIN, staff=DENIED),
    "wagtailsnippets_cms_categoryguidance:list_results": E(ADMIN, staff=DENIED),
    "wagtailsnippets_cms_categoryguidance:add": E(ADMIN, staff=DENIED),
    "wagtailsnippets_cms_categoryguidance:edit": E(ADMIN, staff=DENIED),
    "wagtailsnippets_cms_categoryguidance:delete": E(ADMIN, staff=DENIED),
    "wagtailsnippets_cms_categoryguidance:usage": E(ADMIN, staff=DENIED),
    "wagtailsnippets_cms_categoryguidance:history": E(ADMIN, staff=DENIED),
    "wagtailsnippets_cms_categoryguidance:history_results": E(ADMIN, staff=DENIED),
    "wagtailsnippets_cms_categoryguidance:copy": E(ADMIN, staff=DENIED),
    "wagtailsnippetchoosers_cms_categoryguidance:choose": E(ADMIN, staff=200),
    "wagtailsnippetchoosers_cms_categoryguidance:choose_results": E(ADMIN, staff=200),
    "wagtailsnippetchoosers_cms_categoryguidance:chosen": E(ADMIN, staff=200),
    "wagtailsnippetchoosers_cms_categoryguidance:chosen_multiple": E(ADMIN, staff=200),
    "wagtailsnippetchoosers_cms_categoryguidance:create": E(ADMIN, staff=DENIED),
    "wagtaildocs_chooser:choose": E(ADMIN, staff=200),
    "wagtaildocs_chooser:choose_results": E(ADMIN, staff=200),
    "wagtaildocs_chooser:chosen": E(ADMIN, ukpbj=DENIED, editor=200),
    "wagtaildocs_chooser:chosen_multiple": E(ADMIN, staff=200),
    "wagtaildocs_chooser:create": E(ADMIN, ukpbj=DENIED, editor=200),
    "wagtailimages_chooser:choose": E(ADMIN, staff=200),
    "wagtailimages_chooser:choose_results": E(ADMIN, staff=200),
    "wagtailimages_chooser:chosen": E(ADMIN, ukpbj=DENIED, editor=200),
    "wagtailimages_chooser:chosen_multiple": E(ADMIN, staff=200),
    "wagtailimages_chooser:create": E(ADMIN, ukpbj=DENIED, editor=200),
    "wagtailimages_chooser:select_format": E(ADMIN, ukpbj=DENIED, editor=200),
    "wagtailadmin_sprite": E(200),
    "wagtailadmin_login": E(200, staff=DENIED),
    "wagtailadmin_password_reset": E(200),
    "wagtailadmin_password_reset_done": E(200),
    "wagtailadmin_password_reset_confirm": E(200),
    "wagtailadmin_password_reset_complete": E(200),
    "wagtailadmin_javascript_catalog": E(200),
    "admin/^.*/$": E(ADMIN, staff=404),
    "wagtaildocs_serve": E(200),
    "wagtaildocs_authenticate_with_password": E(404),
    "account_login": E("302>/usaha/", anon=200),
    "account_logout": E(200, anon="302>/"),
    "account_inactive": E(200),
    "account_signup": E("302>/usaha/", anon=200),
    "account_reauthenticate": E(200, anon=ADMIN),
    "account_request_reauthentication_code": E("302>/akun/reauthenticate/", anon=ADMIN),
    "account_confirm_reauthentication_code": E("302>/akun/reauthenticate/code/", anon=ADMIN),
    "account_email": E(200, anon=ADMIN),
    "account_email_verification_sent": E(200),
    "account_change_password": E(200, anon=ADMIN),
    "account_set_password": E("302>/akun/password/change/", anon=ADMIN),
    "account_reset_password": E(200),
    "account_confirm_login_code": E("302>/usaha/", anon=AKUN),
    "account_confirm_email": E(200),
    "account_reset_password_from_key_done": E(200),
    "account_reset_password_from_key": E(200),
    "account_reset_password_done": E(200),
    "wagtailapi:pages:listing": E(200),
    "wagtailapi:pages:detail": E(200),
    "wagtailapi:pages:find": E(404),
    "wagtailapi:images:listing": E(200),
    "wagtailapi:images:detail": E(404),
    "wagtailapi:images:find": E(404),
    "wagtailapi:documents:listing": E(200),
    "wagtailapi:documents:detail": E(200),
    "wagtailapi:documents:find": E(404),
    "wagtailcore_authenticate_with_password": E(404),
    "wagtailcore_login": E(200),
    "wagtail_serve": E(200),
    "wagtail_serve#draft-page": E(404),
    "wagtailadmin_pages:edit#draft-page": E(ADMIN, ukpbj=DENIED, editor=200),
}


def page_edit_data(o) -> dict:
    """The edit form of the published guidance page as the admin sends it (saves a draft)."""
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    page = o["page"]
    return nested_form_data(
        {"title": page.title, "slug": page.slug, "intro": "Baru.", "body": streamfield([]),
         "legal_source": "", "review_note": ""}
    )  # fmt: skip


# State-changing requests: key -> (method, data or a function of side A's objects, row).
WRITE: dict[str, tuple[str, object, dict]] = {
    "vendor_self:wizard_step": ("POST", {}, E(200, anon=AKUN)),
    "vendor_self:submit": ("POST", {}, E(WIZARD, vendors=200, anon=AKUN)),
    "vendor_self:documents": ("POST", {}, E(WIZARD, vendors=200, anon=AKUN)),
    "vendor_self:document_delete": (
        "POST",
        {},
        E(WIZARD, anon=AKUN, vendor_a="302>/usaha/dokumen/", vendor_b=404),
    ),
    "vendor_self:members": ("POST", {"email": ""}, E(WIZARD, vendors=200, anon=AKUN)),
    "vendor_self:accept_invitation": ("POST", {}, E(200, anon=AKUN)),
    "vendor_self:products:create": ("POST", {}, E(WIZARD, vendors=200, anon=AKUN)),
    "vendor_self:products:edit": ("POST", {}, E(WIZARD, anon=AKUN, vendor_a=200, vendor_b=404)),
    "vendor_self:products:archive": (
        "POST",
        {},
        E(WIZARD, anon=AKUN, vendor_a="302>/usaha/produk/", vendor_b=404),
    ),
    "vendor_self:products:import": ("POST", {}, E(WIZARD, vendors=200, anon=AKUN)),
    "me_vendor": ("POST", {}, E(400, anon=403)),
    "me_vendor_step": ("PATCH", {}, E(404, vendors=200, anon=403)),
    "me_vendor_submit": ("POST", {}, E(404, vendors=400, anon=403)),
    "me_vendor_documents": ("POST", {}, E(404, vendors=400, anon=403)),
    "me_vendor_document": ("DELETE", {}, E(404, anon=403, vendor_a=204)),
    "me_vendor_products": ("POST", {}, E(404, vendors=400, anon=403)),
    "me_vendor_import": ("POST", {}, E(404, vendors=400, anon=403)),
    "me_vendor_product": ("PATCH", {}, E(404, anon=403, vendor_a=200)),
    "me_vendor_product_archive": ("POST", {}, E(404, anon=403, vendor_a=200)),
    "me_vendor_invitations": ("POST", {}, E(404, vendors=400, anon=403)),
    "me-shortlist-list": ("POST", {}, E(403, buyers=400)),
    "me-shortlist-detail": ("PATCH", {}, E(403, buyer_a=400, buyer_b=404)),
    "me-shortlist-lock": ("POST", {}, E(403, buyer_a=200, buyer_b=404)),
    "me-shortlist-item-list": ("POST", {}, E(403, buyer_a=400, buyer_b=404)),
    "me-shortlist-item-detail": ("DELETE", {}, E(403, buyer_a=204, buyer_b=404)),
    "me-shortlist-item-move": ("POST", {"direction": "up"}, E(403, buyer_a=200, buyer_b=404)),
    "me-purchase-list": ("POST", {}, E(403, buyers=400)),
    "me-purchase-detail": ("PATCH", {}, E(403, buyer_a=200, buyer_b=404)),
    "procurement:shortlist_create": ("POST", {}, E(403, buyers=200, anon=BELANJA)),
    "procurement:shortlist_edit": ("POST", {}, E(403, anon=BELANJA, buyer_a=200, buyer_b=404)),
    "procurement:shortlist_lock": ("POST", {}, E(403, anon=BELANJA, buyer_a=302, buyer_b=404)),
    "procurement:shortlist_outcome": ("POST", {}, E(403, anon=BELANJA, buyer_a=200, buyer_b=404)),
    "procurement:item_remove": ("POST", {}, E(403, anon=BELANJA, buyer_a=302, buyer_b=404)),
    "procurement:item_move": (
        "POST",
        {"direction": "up"},
        E(403, anon=BELANJA, buyer_a=302, buyer_b=404),
    ),
    "procurement:item_update": (
        "POST",
        {"quantity": 5},
        E(403, anon=BELANJA, buyer_a=302, buyer_b=404),
    ),
    "procurement:item_outreach": ("POST", {}, E(403, anon=BELANJA, buyer_a=302, buyer_b=404)),
    "procurement:item_outcome": ("POST", {}, E(403, anon=BELANJA, buyer_a=200, buyer_b=404)),
    "procurement:add_item": (
        "POST",
        lambda o: {"product": o["product_a"].pk, "shortlist": o["shortlist_a"].pk, "quantity": 1},
        E(403, anon=BELANJA, buyer_a=302, buyer_b=200),
    ),
    "procurement:purchase_create": (
        "POST",
        lambda o: {"product": o["product_a"].pk},
        E(403, buyers=200, anon=BELANJA),
    ),
    "procurement:purchase_detail": ("POST", {}, E(403, anon=BELANJA, buyer_a=200, buyer_b=404)),
    "procurement:budget": (
        "POST",
        lambda o: {"opd": o["opd_a"].pk, "year": 2026, "pagu_goods_services": 5},
        E(403, anon=BELANJA, ukpbj="302>/belanja/statistik/opd/"),
    ),
    "ukpbj_vendor_review": ("POST", {"action": "verify"}, E(ADMIN, ukpbj=200, editor=DENIED)),
    "ukpbj_vendor_audit": ("POST", {}, E(ADMIN, ukpbj=302, editor=DENIED)),
    "penyedia:edit": ("POST", {}, E(ADMIN, ukpbj=200, editor=DENIED)),
    "penyedia:delete": ("POST", {}, E(ADMIN, staff=DENIED)),
    "anggota-penyedia:edit": ("POST", {}, E(ADMIN, ukpbj=200, editor=DENIED)),
    "anggota-penyedia:delete": ("POST", {}, E(ADMIN, staff=DENIED)),
    "dokumen-penyedia:edit": ("POST", {}, E(ADMIN, ukpbj=200, editor=DENIED)),
    "dokumen-penyedia:delete": ("POST", {}, E(ADMIN, staff=DENIED)),
    "produk:edit": ("POST", {}, E(ADMIN, ukpbj=200, editor=DENIED)),
    "produk:delete": ("POST", {}, E(ADMIN, staff=DENIED)),
    "kategori:edit": ("POST", {}, E(ADMIN, ukpbj=200, editor=DENIED)),
    "kategori:delete": ("POST", {}, E(ADMIN, staff=DENIED)),
    "opd:edit": ("POST", {}, E(ADMIN, ukpbj=200, editor=DENIED)),
    "opd:delete": ("POST", {}, E(ADMIN, staff=DENIED)),
    "profil-pembeli:edit": ("POST", {}, E(ADMIN, ukpbj=200, editor=DENIED)),
    "profil-pembeli:delete": ("POST", {}, E(ADMIN, staff=DENIED)),
    "daftar-pendek:edit": ("POST", {}, E(ADMIN, staff=DENIED)),
    "daftar-pendek:delete": ("POST", {}, E(ADMIN, staff=DENIED)),
    "pembelian:edit": ("POST", {}, E(ADMIN, staff=DENIED)),
    "pembelian:delete": ("POST", {}, E(ADMIN, staff=DENIED)),
    "pagu-opd:edit": ("POST", {}, E(ADMIN, staff=DENIED)),
    "pagu-opd:delete": ("POST", {}, E(ADMIN, staff=DENIED)),
    "pendampingan-inaproc:edit": ("POST", {}, E(ADMIN, staff=DENIED)),
    "pendampingan-inaproc:delete": ("POST", {}, E(ADMIN, staff=DENIED)),
    "kecamatan:edit": ("POST", {}, E(ADMIN, staff=DENIED)),
    "kecamatan:delete": ("POST", {}, E(ADMIN, staff=DENIED)),
    "desa:edit": ("POST", {}, E(ADMIN, staff=DENIED)),
    "desa:delete": ("POST", {}, E(ADMIN, staff=DENIED)),
    "wagtailsnippets_cms_topic:edit": ("POST", {}, E(ADMIN, staff=DENIED)),
    "wagtailsnippets_cms_topic:delete": ("POST", {}, E(ADMIN, staff=DENIED)),
    "wagtailsnippets_cms_categoryguidance:edit": ("POST", {}, E(ADMIN, staff=DENIED)),
    "wagtailsnippets_cms_categoryguidance:delete": ("POST", {}, E(ADMIN, staff=DENIED)),
    "wagtailsnippets_search_synonym:edit": ("POST", {}, E(ADMIN, staff=DENIED)),
    "wagtailsnippets_search_synonym:delete": ("POST", {}, E(ADMIN, staff=DENIED)),
    "wagtailimages:edit": ("POST", {}, E(ADMIN, staff=DENIED)),
    "wagtailimages:delete": ("POST", {}, E(ADMIN, staff=DENIED)),
    "wagtailadmin_pages:edit": ("POST", page_edit_data, E(ADMIN, ukpbj=DENIED, editor=302)),
    "ukpbj_deletion_carry_out": ("POST", {}, E(ADMIN, ukpbj=302, editor=DENIED)),
}


def test_every_pattern_is_in_the_matrix_and_every_entry_is_a_pattern():
    patterns = keyed_patterns()
    ours = our_viewset_namespaces()
    missing = [k for k in patterns if expectation_for(k, GET) is None]
    ungrouped = [
        k for k, (_r, name, p) in patterns.items() if is_ours(k, name, p, ours) and k not in GET
    ]
    stale = [
        k
        for k in GET
        if (k[:-1] if k.endswith("*") else k.split("#")[0]) not in patterns
        and not (k.endswith("*") and any(p.startswith(k[:-1]) for p in patterns))
    ]
    stale += [k for k in WRITE if k not in patterns]
    assert not missing, f"URL patterns missing from the authorisation matrix: {missing}"
    assert not ungrouped, f"our own views must each have a row, not a group: {ungrouped}"
    assert not stale, f"matrix entries whose URL pattern is gone: {stale}"


@pytest.mark.django_db
class TestMatrix:
    def test_get(self, world, roles):
        cases = get_cases(world)
        roles.secrets = secrets_of(world["objects"])
        observed = {
            key: {role: roles.request(role, "GET", url) for role in ROLES}
            for key, url in cases.items()
        }
        expected = {key: GET.get(key) or expectation_for(key.split("#")[0], GET) for key in cases}
        text = report(f"GET: {len(cases)} URLs x {len(ROLES)} roles", observed, expected)
        assert text.count("\n") == 0, text
        assert not roles.leaks, "\n".join(roles.leaks)

    def test_write(self, world, roles):
        o = world["objects"]
        patterns = keyed_patterns()
        roles.secrets = secrets_of(o)
        observed, expected = {}, {}
        for key, (method, data, row) in WRITE.items():
            _route, name, pattern = patterns[key]
            url = url_for(key, name, pattern, o)
            data = data(o) if callable(data) else data
            observed[f"{method} {key}"] = {r: roles.request(r, method, url, data) for r in ROLES}
            expected[f"{method} {key}"] = row
        text = report(f"WRITE: {len(WRITE)} URLs x {len(ROLES)} roles", observed, expected)
        assert text.count("\n") == 0, text

    def test_state_changes_without_a_csrf_token_are_refused(self, world, roles):
        """The role a write is meant for, sending it without the token: 403 every time."""
        o = world["objects"]
        patterns = keyed_patterns()
        refused = {AKUN, BELANJA, ADMIN, WIZARD, DENIED, 403, 404, 405}
        wrong = []
        for key, (method, data, row) in WRITE.items():
            candidates = ("vendor_a", "buyer_a", "ukpbj", "editor", "vendor_b", "anon")
            role = next((r for r in candidates if row[r] not in refused), None)
            if role is None:  # nobody may: the matrix already checks that they are refused
                continue
            _route, name, pattern = patterns[key]
            url = url_for(key, name, pattern, o)
            data = data(o) if callable(data) else data
            observed = roles.request(role, method, url, data, csrf=False)
            if observed != 403:
                wrong.append(f"{method} {url} as {role} without a CSRF token: {observed}")
        assert not wrong, "\n".join(wrong)
