"""Writes for the CMS: the starting page tree and the moderation workflow.

Both are idempotent. A page, snippet, group or workflow that already exists (found by slug or
name) is left exactly as it is, so running the command again never overwrites an editor's work.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from catalog.models import Category

from . import initial_content as content
from .models import (
    CategoryGuidance,
    EventIndexPage,
    EventPage,
    GuidanceIndexPage,
    GuidancePage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    RegulationAmendment,
    RegulationIndexPage,
    RegulationPage,
    Topic,
)

HEAD_GROUP_NAME = "Kepala UKPBJ"
EDITOR_GROUP_NAME = "Editors"  # Wagtail's own editor group: may edit and submit, not publish
WORKFLOW_NAME = "Persetujuan Kepala UKPBJ"
TASK_NAME = "Persetujuan Kepala UKPBJ"
COLLECTION_NAMES = ["Panduan", "Regulasi", "Berita dan pelatihan"]

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page"]
HEAD_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
COLLECTION_PERMISSIONS = {
    "wagtailimages": ["add_image", "change_image", "choose_image"],
    "wagtaildocs": ["add_document", "change_document", "choose_document"],
}


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)

    def add(self, label: str, created: bool) -> None:
        (self.created if created else self.existing).append(label)


def _home_page() -> HomePage:
    home = HomePage.objects.first()
    if home is None:
        raise RuntimeError("Beranda (HomePage) belum ada: jalankan `manage.py migrate` dulu.")
    return home


def _add_child(parent: Page, page: Page, report: LoadReport) -> Page:
    """Add `page` under `parent` unless a child with its slug exists; publish a first revision."""
    existing = Page.objects.child_of(parent).filter(slug=page.slug).first()
    if existing is not None:
        report.add(f"halaman /{page.slug}/", False)
        return existing.specific
    parent.add_child(instance=page)
    page.save_revision().publish()
    report.add(f"halaman /{page.slug}/", True)
    return page


@transaction.atomic
def load_initial_content() -> LoadReport:
    """Create the starting guidance, regulation, news and training pages (once)."""
    report = LoadReport()
    home = _home_page()

    topics = {}
    for spec in content.TOPICS:
        topic, created = Topic.objects.get_or_create(
            slug=spec["slug"], defaults={"name": spec["name"], "description": spec["description"]}
        )
        topics[spec["slug"]] = topic
        report.add(f"topik {spec['name']}", created)

    indexes = {}
    for model, spec in [
        (GuidanceIndexPage, content.GUIDANCE_INDEX),
        (RegulationIndexPage, content.REGULATION_INDEX),
        (NewsIndexPage, content.NEWS_INDEX),
        (EventIndexPage, content.EVENT_INDEX),
    ]:
        indexes[model] = _add_child(home, model(**spec), report)

    # Regulations first: guidance pages link to them. Amending regulations are created
    # before the ones they amend so the amendment rows go in with the first revision.
    regulations = {}
    for spec in sorted(content.REGULATIONS, key=lambda spec: bool(spec.get("amended_by"))):
        spec = dict(spec)
        key = spec.pop("key")
        amended_by = spec.pop("amended_by", [])
        page = RegulationPage(**spec)
        page.amendments = [
            RegulationAmendment(amended_by=regulations[other], effect=effect, note=note)
            for other, effect, note in amended_by
            if isinstance(regulations.get(other), RegulationPage)
        ]
        regulations[key] = _add_child(indexes[RegulationIndexPage], page, report)

    regulation_ids = {
        key: page.pk for key, page in regulations.items() if isinstance(page, RegulationPage)
    }
    category_ids = dict(Category.objects.values_list("slug", "pk"))
    guidance = {}
    for spec in content.guidance_pages(regulation_ids, category_ids):
        spec = dict(spec)
        topic_slugs = spec.pop("topics", [])
        page = GuidancePage(**spec)
        page.topics = [topics[slug] for slug in topic_slugs if slug in topics]
        page = _add_child(indexes[GuidanceIndexPage], page, report)
        guidance[spec["slug"]] = page

    for spec in content.CATEGORY_GUIDANCE:
        category_pk = category_ids.get(spec["category"])
        page = guidance.get(spec["page"])
        if category_pk is None or not isinstance(page, GuidancePage):
            continue
        _, created = CategoryGuidance.objects.get_or_create(
            category_id=category_pk,
            page=page,
            defaults={"label": spec["label"], "sort_order": spec.get("sort_order", 0)},
        )
        report.add(f"panduan kategori {spec['category']}", created)

    for spec in content.NEWS:
        _add_child(indexes[NewsIndexPage], NewsPage(**spec), report)
    for spec in content.EVENTS:
        _add_child(indexes[EventIndexPage], EventPage(**spec), report)

    workflow_report = ensure_moderation_workflow(home=home)
    report.created += workflow_report.created
    report.existing += workflow_report.existing
    return report


def _perm(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def ensure_moderation_workflow(*, home: Page | None = None) -> LoadReport:
    """Editors submit, the head of UKPBJ approves: groups, permissions, workflow, collections.

    Existing groups keep the permissions an administrator gave them; only missing ones are
    added. An existing workflow assignment on the home page is left alone.
    """
    report = LoadReport()
    home = home or _home_page()
    access_admin = _perm("wagtailadmin", "access_admin")

    root_collection = Collection.get_first_root_node()
    for name in COLLECTION_NAMES:
        collection = root_collection.get_children().filter(name=name).first()
        created = collection is None
        if created:
            collection = root_collection.add_child(name=name)
        report.add(f"koleksi {name}", created)

    groups = {}
    for name, page_perms in [
        (EDITOR_GROUP_NAME, EDITOR_PAGE_PERMISSIONS),
        (HEAD_GROUP_NAME, HEAD_PAGE_PERMISSIONS),
    ]:
        group, created = Group.objects.get_or_create(name=name)
        groups[name] = group
        report.add(f"grup {name}", created)
        group.permissions.add(access_admin)
        for codename in page_perms:
            GroupPagePermission.objects.get_or_create(
                group=group, page=home, permission=_perm("wagtailcore", codename)
            )
        for app_label, codenames in COLLECTION_PERMISSIONS.items():
            for codename in codenames:
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=_perm(app_label, codename),
                )

    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    created = task is None
    if created:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
        task.groups.set([groups[HEAD_GROUP_NAME]])
    report.add(f"tugas {TASK_NAME}", created)

    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    created = workflow is None
    if created:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    report.add(f"alur kerja {WORKFLOW_NAME}", created)

    _, created = WorkflowPage.objects.get_or_create(page=home, defaults={"workflow": workflow})
    report.add("alur kerja pada beranda", created)
    return report
