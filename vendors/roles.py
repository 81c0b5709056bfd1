"""Staff roles as Django groups, set up idempotently (demo data, back office, deployments).

UKPBJ staff verify vendors and their documents, curate categories and see every OPD: they get
the Wagtail admin plus add/change/view on the models listed below. Content editors use Wagtail's
own "Editors" group, created by Wagtail's migrations.
"""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

UKPBJ_GROUP = "UKPBJ"
EDITORS_GROUP = "Editors"  # the name Wagtail's migrations give it

# (app_label, model_name, actions). Models that do not exist (yet) are skipped, so the back
# office can add its own models here without breaking older databases.
UKPBJ_MODEL_PERMISSIONS: list[tuple[str, str, tuple[str, ...]]] = [
    ("vendors", "vendor", ("add", "change", "view")),
    ("vendors", "vendordocument", ("add", "change", "view")),
    ("vendors", "vendormember", ("add", "change", "view")),
    ("vendors", "kecamatan", ("view",)),
    ("vendors", "desa", ("view",)),
    # The review pages (vendors/admin_views.py): decisions, key-field revisions, flagged
    # links, audit events with acknowledgements, invitations seen on the vendor's page.
    ("vendors", "auditevent", ("change", "view")),
    ("vendors", "vendorrevision", ("change", "view")),
    ("vendors", "linkreview", ("change", "view")),
    ("vendors", "vendorinvitation", ("view",)),
    ("catalog", "category", ("add", "change", "view")),
    ("catalog", "product", ("add", "change", "view")),
    ("catalog", "productimage", ("add", "change", "view")),
    ("procurement", "opd", ("add", "change", "view")),
    ("procurement", "buyerprofile", ("add", "change", "view")),
    # Recorded by buyers; read-only in the back office (procurement/wagtail_hooks.py).
    ("procurement", "shortlist", ("view",)),
    ("procurement", "purchase", ("view",)),
    ("procurement", "opdbudget", ("view",)),
    ("procurement", "outreachrequest", ("view",)),
]


def _ensure_permissions_exist(app_labels) -> None:
    # Permissions are created by a post_migrate signal; a fresh test database or a data
    # migration may call us before that ran.
    for label in app_labels:
        try:
            create_permissions(apps.get_app_config(label), verbosity=0)
        except LookupError:
            continue


def ukpbj_permissions() -> list[Permission]:
    """The permissions the UKPBJ group should hold, for the models that exist."""
    _ensure_permissions_exist({"wagtailadmin", *(a for a, _m, _acts in UKPBJ_MODEL_PERMISSIONS)})
    wanted = [
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    ]
    for app_label, model_name, actions in UKPBJ_MODEL_PERMISSIONS:
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:
            continue
        ct = ContentType.objects.get_for_model(model, for_concrete_model=False)
        codenames = [f"{action}_{model_name}" for action in actions]
        wanted.extend(Permission.objects.filter(content_type=ct, codename__in=codenames))
    return wanted


@transaction.atomic
def ensure_ukpbj_group() -> Group:
    """Create the "UKPBJ" group if needed and make sure it holds (at least) its permissions.

    Permissions granted by hand in the admin are kept: this only adds.
    """
    group, _created = Group.objects.get_or_create(name=UKPBJ_GROUP)
    group.permissions.add(*ukpbj_permissions())
    return group


@transaction.atomic
def ensure_editors_group() -> Group:
    """Wagtail's "Editors" group; recreated with admin access if someone deleted it."""
    group, created = Group.objects.get_or_create(name=EDITORS_GROUP)
    if created:
        _ensure_permissions_exist({"wagtailadmin"})
        group.permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
    return group
