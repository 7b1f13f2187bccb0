"""A main form sent without its CSRF token, or with a wrong one, is refused with the portal's
Chinese page (403) and saves nothing."""

import pytest
from django.test import Client
from django.urls import reverse

from lms.models import Enrolment
from tests.bad_input.forms import fill, main_form
from tests.bad_input.test_text_fields import CASES, HOSTILE

MORE = [
    ("worker", lambda w: reverse("lms:enrol", args=[w.other.run.pk]), Enrolment),
    ("worker", lambda w: reverse("lms:cancel", args=[w.home.enrolment.pk]), Enrolment),
]
FORMS = [(case.role, case.url, case.model, case.overrides) for case in CASES]


def _refused(response) -> bool:
    body = response.content.decode()
    return response.status_code == 403 and "表单已失效" in body and "CSRF" not in body


@pytest.mark.parametrize("token", ["", "wrong-token", "x" * 64])
def test_forms_without_a_valid_token_are_refused_and_save_nothing(world, token):
    failures = []
    for role, url_of, model, overrides in FORMS:
        client = Client(enforce_csrf_checks=True)
        client.force_login(world.walkers[role])
        url = url_of(world)
        form = main_form(client.get(url).content.decode())
        data = fill(form, HOSTILE, overrides=overrides(world))
        if token:
            data["csrfmiddlewaretoken"] = token
        before = model.objects.count()
        response = client.post(url, data)
        if not _refused(response) or model.objects.count() != before:
            failures.append(f"{url} → {response.status_code}")
    for role, url_of, model in MORE:
        client = Client(enforce_csrf_checks=True)
        client.force_login(world.walkers[role])
        before = model.objects.count()
        response = client.post(url_of(world), {"csrfmiddlewaretoken": token} if token else {})
        if not _refused(response) or model.objects.count() != before:
            failures.append(f"{url_of(world)} → {response.status_code}")
    assert failures == []


def test_sign_in_without_a_token_is_refused(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("account_login"), {"login": "a@example.cn", "password": "x"})
    assert _refused(response)
