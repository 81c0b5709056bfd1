"""An editor submits, the head of UKPBJ approves; nothing is published before that."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, streamfield

from cms.models import GuidanceIndexPage, GuidancePage
from cms.services import EDITOR_GROUP_NAME, HEAD_GROUP_NAME, ensure_moderation_workflow
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def simple_page(initial_content):
    index = GuidanceIndexPage.objects.get()
    page = index.add_child(
        instance=GuidancePage(
            title="Cara belanja ATK", slug="cara-belanja-atk", intro="Versi lama."
        )
    )
    page.save_revision().publish()
    return page


def staff(group_name):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=group_name))
    return user


def edit_data(page, intro, action):
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "intro": intro,
            "body": streamfield([]),
            "legal_source": "",
            "review_note": "",
            action: action,
        }
    )


def public_text(client, page):
    return client.get(page.url).content.decode()


def test_editor_cannot_publish_directly(client, simple_page):
    editor = staff(EDITOR_GROUP_NAME)
    assert not simple_page.permissions_for_user(editor).can_publish()
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:edit", args=[simple_page.pk])
    response = client.post(url, edit_data(simple_page, "Versi baru.", "action-publish"))
    assert response.status_code == 302
    simple_page.refresh_from_db()
    assert simple_page.has_unpublished_changes
    client.logout()
    assert "Versi lama." in public_text(client, simple_page)
    assert "Versi baru." not in public_text(client, simple_page)


def test_submitted_page_waits_for_the_head_of_ukpbj(client, simple_page):
    editor, head = staff(EDITOR_GROUP_NAME), staff(HEAD_GROUP_NAME)
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:edit", args=[simple_page.pk])
    client.post(url, edit_data(simple_page, "Versi baru.", "action-submit"))

    state = WorkflowState.objects.get(object_id=str(simple_page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Persetujuan Kepala UKPBJ"
    client.logout()
    assert "Versi baru." not in public_text(client, simple_page)

    # The editor cannot approve their own submission.
    client.force_login(editor)
    task_state = state.current_task_state
    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=[simple_page.pk, "approve", task_state.pk]
    )
    client.post(approve)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    client.force_login(head)
    response = client.post(approve)
    assert response.status_code in (200, 302)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    client.logout()
    assert "Versi baru." in public_text(client, simple_page)


def test_rejected_submission_is_not_published(client, simple_page):
    editor, head = staff(EDITOR_GROUP_NAME), staff(HEAD_GROUP_NAME)
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:edit", args=[simple_page.pk])
    client.post(url, edit_data(simple_page, "Versi salah.", "action-submit"))
    state = WorkflowState.objects.get(object_id=str(simple_page.pk))

    client.force_login(head)
    reject = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[simple_page.pk, "reject", state.current_task_state.pk],
    )
    client.post(reject, {"comment": "Sumber belum jelas."})
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    client.logout()
    assert "Versi salah." not in public_text(client, simple_page)


def test_workflow_setup_is_idempotent_and_keeps_custom_assignment(initial_content):
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage

    home = Page.objects.get(depth=2)
    before = (Workflow.objects.count(), GroupApprovalTask.objects.count(), Group.objects.count())
    ensure_moderation_workflow()
    after = (Workflow.objects.count(), GroupApprovalTask.objects.count(), Group.objects.count())
    assert before == after

    other = Workflow.objects.create(name="Alur lain")
    WorkflowPage.objects.filter(page=home).update(workflow=other)
    ensure_moderation_workflow()
    assert WorkflowPage.objects.get(page=home).workflow == other


def test_scheduled_publishing_waits_for_go_live(initial_content):
    import datetime
    import io

    from django.core.management import call_command
    from django.utils import timezone

    index = GuidanceIndexPage.objects.get()
    page = index.add_child(
        instance=GuidancePage(title="Terjadwal", slug="terjadwal", intro="Nanti.", live=False)
    )
    page.go_live_at = timezone.now() + datetime.timedelta(days=1)
    revision = page.save_revision()
    revision.publish()
    page.refresh_from_db()
    assert not page.live
    revision.refresh_from_db()
    assert revision.approved_go_live_at is not None

    # Let the clock "pass" the go-live time: move it into the past on the revision.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    call_command("publish_scheduled", stdout=io.StringIO())
    page.refresh_from_db()
    assert page.live
