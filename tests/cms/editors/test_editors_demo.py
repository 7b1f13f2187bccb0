"""The demo's editors: 长沙县's editor and 长沙市's moderator sign in with the demo password and
land in their region of the back office; the demo's reset removes their groups."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from cms.models import RegionEditing, RegionPage
from directory.demo import base
from tests.built_once import built_once

pytestmark = pytest.mark.django_db


EDITORS = [
    ("editor.changshaxian@example.cn", "长沙县 · 内容编辑", "430121"),
    ("editor.changsha@example.cn", "长沙市 · 内容审核", "430100"),
]


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo seeded once for the module (`tests.built_once`)."""
    seed = lambda: call_command("seed_demo", stdout=StringIO())  # noqa: E731
    with built_once(django_db_blocker, tmp_path_factory, seed, run_on_commit=False):
        yield


@pytest.mark.parametrize(("email", "group", "region_code"), EDITORS)
def test_demo_editor_signs_in_and_explores_their_region(client, seeded, email, group, region_code):
    user = User.objects.get(email=email)
    assert [g.name for g in user.groups.all()] == [group]
    response = client.post(reverse("account_login"), {"login": email, "password": base.PASSWORD})
    assert response.status_code == 302
    page = RegionPage.objects.get(region__code=region_code)
    explore = reverse("wagtailadmin_explore", args=[page.pk])
    assert client.get(reverse("wagtailadmin_explore_root")).url == explore
    assert client.get(explore).status_code == 200


def test_the_demo_reset_gives_the_editors_their_groups_again(seeded):
    call_command("seed_demo", "--reset", stdout=StringIO())  # empties, then seeds again
    for email, group, _region_code in EDITORS:
        user = User.objects.get(email=email)
        assert [g.name for g in user.groups.all()] == [group]
        assert RegionEditing.objects.filter(group__name=group).count() == 1
