"""City moderation: a county editor submits a page, the city's moderators (and nobody else) get
Wagtail's e-mail, one of them approves and the page goes live; another city's moderator cannot
approve; a moderator's request for changes goes back to the editor by e-mail."""

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from wagtail.models import TaskState

from cms.models import NewsPage
from tests.cms.editors.conftest import editor, signed_in

pytestmark = pytest.mark.django_db


def _submit(client, parent, title: str) -> NewsPage:
    """The county editor creates a news page in the admin and submits it for moderation."""
    url = reverse("wagtailadmin_pages:add", args=["cms", "newspage", parent.pk])
    data = {
        "title": title,
        "slug": "submitted",
        "date": "2025-12-01",
        "intro": "",
        "body-count": "0",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
        "action-submit": "submit",
    }
    assert client.post(url, data).status_code == 302
    return NewsPage.objects.get(title=title)


def _action_url(page: NewsPage, action: str) -> str:
    task_state = TaskState.objects.get(workflow_state__object_id=str(page.pk), status="in_progress")
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])


def test_submission_mails_the_city_moderators_only(tree, pages, editors):
    second = editor("长沙审核二", "moderator2@example.cn", tree.city)
    mail.outbox.clear()
    page = _submit(signed_in(editors.a), pages.county_a, "芙蓉区活动报道")
    assert not page.live and page.workflow_in_progress
    assert page.current_workflow_task.name == "长沙市 · 内容审核"
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([editors.moderator.email, second.email])
    assert all("芙蓉区活动报道" in message.subject + message.body for message in mail.outbox)


def test_moderator_approves_and_the_page_goes_live(pages, editors):
    page = _submit(signed_in(editors.a), pages.county_a, "芙蓉区活动报道")
    mail.outbox.clear()
    response = signed_in(editors.moderator).post(_action_url(page, "approve"), {"comment": ""})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live and not page.workflow_in_progress
    assert [message.to for message in mail.outbox] == [[editors.a.email]]  # "approved"


def test_another_citys_moderator_cannot_approve(pages, editors):
    page = _submit(signed_in(editors.a), pages.county_a, "芙蓉区活动报道")
    url = _action_url(page, "approve")
    for who in (editors.other_moderator, editors.b):  # another region: the page is not there
        assert signed_in(who).post(url, {"comment": ""}).status_code == 404
    response = signed_in(editors.a).post(url, {"comment": ""})  # the author may not approve
    assert response.status_code == 302 and response.url == "/admin/"
    assert any("没有权限" in str(m) for m in get_messages(response.wsgi_request))
    page.refresh_from_db()
    assert not page.live and page.workflow_in_progress


def test_moderator_requests_changes_and_the_editor_hears_of_it(pages, editors):
    page = _submit(signed_in(editors.a), pages.county_a, "芙蓉区活动报道")
    mail.outbox.clear()
    moderator = signed_in(editors.moderator)
    response = moderator.post(_action_url(page, "reject"), {"comment": "请补充活动照片"})
    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.live
    (message,) = mail.outbox
    assert message.to == [editors.a.email] and "请补充活动照片" in message.body


def test_a_moderator_can_edit_the_submitted_page(pages, editors):
    page = _submit(signed_in(editors.a), pages.county_a, "芙蓉区活动报道")
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert signed_in(editors.moderator).get(url).status_code == 200
    assert signed_in(editors.other_moderator).get(url).status_code == 404
