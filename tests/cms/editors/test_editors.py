"""Editor groups follow role grants: a county's editors add and change its pages, a city's
moderators also publish and approve; a collection per region; a revoked grant ends the
membership; the sync and its command change nothing when run again."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
)

from accounts import services as accounts_services
from accounts.models import RoleGrant
from cms.models import RegionEditing
from cms.services import editors as editor_services
from directory import services as directory_services
from directory.models import ServicePoint
from tests import factories
from tests.cms.editors.conftest import editor, region_page

pytestmark = pytest.mark.django_db


def _page_codenames(group: Group, page) -> set[str]:
    rows = GroupPagePermission.objects.filter(group=group, page=page)
    return set(rows.values_list("permission__codename", flat=True))


def _collection_codenames(group: Group) -> set[tuple[str, str]]:
    rows = GroupCollectionPermission.objects.filter(group=group)
    return set(rows.values_list("collection__name", "permission__codename"))


def _counts() -> tuple[int, ...]:
    return (
        Group.objects.count(),
        Collection.objects.count(),
        Workflow.objects.count(),
        WorkflowPage.objects.count(),
        GroupPagePermission.objects.count(),
        GroupCollectionPermission.objects.count(),
        Group.user_set.through.objects.count(),
    )


def test_county_editor_joins_the_county_editors_who_may_not_publish(tree, pages):
    user = editor("芙蓉编辑", "editor.a@example.cn", tree.county_a)
    (group,) = user.groups.all()
    assert group.name == "芙蓉区 · 内容编辑"
    assert _page_codenames(group, pages.county_a) == {"add_page", "change_page"}
    assert not GroupPagePermission.objects.filter(group=group).exclude(page=pages.county_a)
    assert _collection_codenames(group) == {
        ("芙蓉区", codename)
        for codename in (
            "add_image",
            "change_image",
            "choose_image",
            "add_document",
            "change_document",
            "choose_document",
        )
    }


def test_city_editor_moderates_the_city_through_its_workflow(tree, pages):
    user = editor("长沙审核", "moderator@example.cn", tree.city)
    (group,) = user.groups.all()
    assert group.name == "长沙市 · 内容审核"
    assert _page_codenames(group, pages.city) == {"add_page", "change_page", "publish_page"}
    workflow = RegionEditing.objects.get(region=tree.city).workflow
    assert workflow.name == "长沙市 · 市级审核"
    assert WorkflowPage.objects.get(page=pages.city).workflow == workflow
    (task,) = workflow.tasks.specific()
    assert list(task.groups.all()) == [group]
    assert pages.county_a.get_workflow() == workflow  # county pages are moderated by the city


def test_collections_follow_the_region_tree(tree, pages):
    editor("芙蓉编辑", "editor.a@example.cn", tree.county_a)
    editor("天心编辑", "editor.b@example.cn", tree.county_b)
    root = Collection.get_first_root_node()
    (province,) = root.get_children()
    assert province.name == "湖南省"
    (city,) = province.get_children()
    assert city.name == "长沙市"
    assert sorted(c.name for c in city.get_children()) == ["天心区", "芙蓉区"]
    assert RegionEditing.objects.get(region=tree.city).group is None  # no moderator yet


def test_province_editor_moderates_the_province_only(tree, pages):
    user = editor("湖南审核", "hunan@example.cn", tree.province)
    (group,) = user.groups.all()
    assert group.name == "湖南省 · 内容审核"
    assert _page_codenames(group, pages.province) == {"add_page", "change_page", "publish_page"}
    assert set(GroupPagePermission.objects.filter(group=group).values_list("page", flat=True)) == {
        pages.province.pk
    }  # the home page, news list and policy library stay with the system administrators
    assert RegionEditing.objects.get(region=tree.province).workflow.name == "湖南省 · 省级审核"


def test_revoking_the_grant_ends_the_membership_only(tree, pages):
    user = editor("芙蓉编辑", "editor.a@example.cn", tree.county_a)
    own = Group.objects.create(name="网站运营")
    user.groups.add(own)
    grant = RoleGrant.objects.get(user=user)
    accounts_services.role_grant_revoke(grant=grant, revoked_by=factories.UserFactory())
    assert list(user.groups.all()) == [own]
    assert Group.objects.filter(name="芙蓉区 · 内容编辑").exists()  # the group stays


def test_two_grants_two_groups_and_one_revoked(tree, pages):
    user = editor("芙蓉编辑", "editor.a@example.cn", tree.county_a)
    accounts_services.role_grant_create(
        user=user, role="editor", target=tree.county_b, granted_by=None
    )
    assert {g.name for g in user.groups.all()} == {"芙蓉区 · 内容编辑", "天心区 · 内容编辑"}
    grant = RoleGrant.objects.get(user=user, region=tree.county_b)
    accounts_services.role_grant_revoke(grant=grant, revoked_by=user)
    assert [g.name for g in user.groups.all()] == ["芙蓉区 · 内容编辑"]


def test_region_admins_and_grants_below_a_county_get_no_group(tree, pages, zhang_min):
    township = editor("街道编辑", "town@example.cn", tree.town_a)
    result = editor_services.editor_groups_sync()
    assert result.ignored == 1
    assert not zhang_min.user.groups.exists() and not township.groups.exists()


def test_command_is_idempotent_and_repairs_memberships(tree, pages, editors, capsys):
    call_command("sync_editor_groups")
    counts = _counts()
    call_command("sync_editor_groups")
    assert _counts() == counts
    assert "0 memberships added, 0 removed" in capsys.readouterr().out
    # A grant revoked behind the service's back, and a membership lost: the command repairs.
    RoleGrant.objects.filter(user=editors.b).update(revoked_at="2025-01-01T00:00Z")
    editors.a.groups.clear()
    call_command("sync_editor_groups")
    assert "1 memberships added, 1 removed" in capsys.readouterr().out
    assert not editors.b.groups.exists() and editors.a.groups.count() == 1


def test_renamed_region_renames_group_collection_and_workflow(tree, pages, editors):
    tree.city.name = "长沙"
    tree.city.save()
    editor_services.editor_groups_sync()
    editing = RegionEditing.objects.select_related("group", "collection", "workflow").get(
        region=tree.city
    )
    assert (editing.group.name, editing.collection.name, editing.workflow.name) == (
        "长沙 · 内容审核",
        "长沙",
        "长沙 · 市级审核",
    )


def test_same_county_name_in_another_city_gets_the_code(tree, pages, zhuzhou):
    twin = factories.region("芙蓉区", "430299", "county", zhuzhou.city)
    editor("芙蓉编辑", "editor.a@example.cn", tree.county_a)
    user = editor("株洲芙蓉编辑", "twin@example.cn", twin)
    assert [g.name for g in user.groups.all()] == ["芙蓉区（430299） · 内容编辑"]


def test_a_county_page_made_later_gives_its_editors_their_rights(tree, pages, zhuzhou):
    county = factories.region("渌口区", "430212", "county", zhuzhou.city)
    user = editor("渌口编辑", "lukou@example.cn", county)
    (group,) = user.groups.all()
    assert not GroupPagePermission.objects.filter(group=group).exists()  # no page yet
    town = factories.region("渌口镇", "430212100", "township", county)
    station = ServicePoint(code="LK001", name="渌口镇社工站", kind="township_station", region=town)
    directory_services.service_point_save(service_point=station, saved_by=None)
    assert _page_codenames(group, region_page(county)) == {"add_page", "change_page"}


def test_reset_removes_groups_workflows_and_collections(tree, pages, editors):
    editor_services.region_editing_reset()
    assert not RegionEditing.objects.exists()
    assert not Group.objects.filter(name__contains="· 内容").exists()
    assert Collection.objects.count() == 1 and not Workflow.objects.filter(name__contains="审核")
