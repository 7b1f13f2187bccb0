"""Editors in the back office, made from role grants.

An editor grant (`Role.EDITOR`) over a county makes its user a member of the county's editors
group ("芙蓉区 · 内容编辑"): add and change, not publish, on the county's region page and
everything below it. An editor grant over a city or a province makes them a member of its
moderators group ("长沙市 · 内容审核"): add, change and publish on that region page's subtree,
and approver in the region's workflow ("长沙市 · 市级审核"), assigned to the region page, so that
what a county editor submits for moderation goes to the city's moderators (to the province's
where no city stands between, as in Beijing). The site-level pages (home, news list, policy
library, station list) stay with the system administrators. Other grants (a region
administrator's, an editor's over a township or a station) give no page rights.

Images and documents: a collection per region, province → city → county. Editors and
moderators add, change and choose in their region's collection and the collections below it,
and see no other region's.

Groups, collections and workflows are made when first needed and renamed when the region is;
memberships follow the grants (a revoked grant removes the membership). Everything runs
explicitly, never from a signal: `accounts.services` calls `editor_groups_sync` for the user
whose grants changed (settings.ROLE_GRANTS_CHANGED_HOOKS), `directory.services` calls
`editor_pages_follow` after a station's page may have brought a new region page
(settings.SERVICE_POINT_SAVED_HOOKS), `manage.py sync_editor_groups` and the demo seed sync
everyone. Running it twice changes nothing.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from accounts import selectors as accounts_selectors
from accounts.roles import Role
from cms.models import RegionEditing, RegionPage
from directory import selectors as directory_selectors
from directory.models import Region

EDITORS_PAGE_PERMISSIONS = ("add_page", "change_page")
MODERATORS_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")
MEDIA_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
)
MODERATED_LEVELS = (Region.Level.PROVINCE, Region.Level.CITY)
EDITED_LEVELS = (*MODERATED_LEVELS, Region.Level.COUNTY)


@dataclass
class EditorSyncResult:
    joined: int = 0
    left: int = 0
    ignored: int = 0  # editor grants over a township or below: no page rights


def editor_groups_sync(*, user_id: int | None = None) -> EditorSyncResult:
    """Sync the memberships of one user (after their grants changed), or of everyone."""
    return editor_groups_sync_many(user_ids=None if user_id is None else [user_id])


@transaction.atomic
def editor_groups_sync_many(*, user_ids: Iterable[int] | None = None) -> EditorSyncResult:
    """Make the groups that the users' active editor grants call for and make each user a
    member of exactly those (of the groups this module manages; other groups are left alone).
    `user_ids` None: every user."""
    ids = None if user_ids is None else list(user_ids)
    result = EditorSyncResult()
    wanted: dict[int, set[int]] = defaultdict(set)
    groups: dict[int, int] = {}  # region id → its group's id
    for grant in accounts_selectors.region_grants(role=Role.EDITOR, user_ids=ids):
        if grant.region.level not in EDITED_LEVELS:
            result.ignored += 1
            continue
        if grant.region_id not in groups:
            groups[grant.region_id] = region_editing_ensure(region=grant.region).group_id
        wanted[grant.user_id].add(groups[grant.region_id])
    membership = get_user_model().groups.through
    managed = RegionEditing.objects.exclude(group=None).values("group_id")
    current = membership.objects.filter(group_id__in=managed)
    if ids is not None:
        current = current.filter(user_id__in=ids)
    held = set(current.values_list("user_id", "group_id"))
    stale = held - {(user, group) for user, groups in wanted.items() for group in groups}
    for user, group in stale:
        membership.objects.filter(user_id=user, group_id=group).delete()
    missing = [
        membership(user_id=user, group_id=group)
        for user, groups in wanted.items()
        for group in groups
        if (user, group) not in held
    ]
    membership.objects.bulk_create(missing)
    result.joined, result.left = len(missing), len(stale)
    return result


@transaction.atomic
def region_editing_ensure(*, region: Region) -> RegionEditing:
    """The region's collection (and those above it), group, page and collection permissions
    and, for a city or province, its workflow: made when missing, renamed when the region was."""
    above = directory_selectors.regions_at(
        paths=directory_selectors.region_paths_above(path=region.path)
    )
    parent = Collection.get_first_root_node()
    for step in sorted(above, key=lambda r: r.depth):
        editing = _collection_ensure(region=step, parent=parent)
        parent = editing.collection
    if editing.group is None:
        editing.group = Group.objects.create(name=_group_name(region=region))
        editing.save(update_fields=["group"])
    else:
        name = _group_name(region=region, group=editing.group)
        if editing.group.name != name:
            editing.group.name = name
            editing.group.save(update_fields=["name"])
    _media_permissions_ensure(editing=editing)
    if region.level in MODERATED_LEVELS:
        _workflow_ensure(editing=editing, region=region)
    _page_rights_ensure(editing=editing, region=region)
    return editing


@transaction.atomic
def editor_pages_follow(*, service_point_id: int) -> None:
    """After a station's page was synced: give the groups of the regions above it their rights
    on region pages that the sync may just have created."""
    station = directory_selectors.stations_for_site(ids=[service_point_id]).first()
    if station is None:
        return
    paths = directory_selectors.region_paths_above(path=station.region.path)
    found = RegionEditing.objects.filter(region__path__in=paths, group__isnull=False)
    for editing in found.select_related("region", "group", "workflow"):
        if editing.workflow_id:
            _workflow_page_ensure(workflow=editing.workflow, region=editing.region)
        _page_rights_ensure(editing=editing, region=editing.region)


def _collection_ensure(*, region: Region, parent: Collection) -> RegionEditing:
    editing = RegionEditing.objects.select_related("collection", "group").filter(region=region)
    editing = editing.first()
    if editing is None:
        parent.refresh_from_db()
        collection = parent.add_child(instance=Collection(name=region.name))
        return RegionEditing.objects.create(region=region, collection=collection)
    collection = editing.collection
    if collection.name != region.name:
        collection.name = region.name
        collection.save(update_fields=["name"])
    if not collection.is_child_of(parent):  # the region moved in the directory
        collection.move(parent, pos="last-child")
        editing.collection = Collection.objects.get(pk=collection.pk)
    return editing


def _group_name(*, region: Region, group: Group | None = None) -> str:
    """ "芙蓉区 · 内容编辑" or "长沙市 · 内容审核", in the site's language whatever the request's;
    with the region code when another region's group has the name already."""
    moderated = region.level in MODERATED_LEVELS
    with translation.override(settings.LANGUAGE_CODE):
        plain = _("%(region)s · 内容审核") if moderated else _("%(region)s · 内容编辑")
        coded = (
            _("%(region)s（%(code)s） · 内容审核")
            if moderated
            else _("%(region)s（%(code)s） · 内容编辑")
        )
    name = plain % {"region": region.name}
    taken = Group.objects.filter(name=name).exclude(pk=group.pk if group else None).exists()
    return coded % {"region": region.name, "code": region.code} if taken else name


def _permissions(pairs: Iterable[tuple[str, str]]) -> list[Permission]:
    pairs = list(pairs)
    found = Permission.objects.filter(
        content_type__app_label__in={app for app, _ in pairs},
        codename__in={codename for _, codename in pairs},
    ).select_related("content_type")
    return [p for p in found if (p.content_type.app_label, p.codename) in pairs]


def _media_permissions_ensure(*, editing: RegionEditing) -> None:
    for permission in _permissions(MEDIA_PERMISSIONS):
        GroupCollectionPermission.objects.get_or_create(
            group=editing.group, collection=editing.collection, permission=permission
        )


def _page_rights_ensure(*, editing: RegionEditing, region: Region) -> None:
    """The group's permissions on the region's page, once that page exists (a region page is
    made by the station page sync when the region's first station appears)."""
    page = RegionPage.objects.filter(region=region).first()
    if page is None:
        return
    moderated = region.level in MODERATED_LEVELS
    codenames = MODERATORS_PAGE_PERMISSIONS if moderated else EDITORS_PAGE_PERMISSIONS
    for permission in _permissions(("wagtailcore", codename) for codename in codenames):
        GroupPagePermission.objects.get_or_create(
            group=editing.group, page=page, permission=permission
        )


def _workflow_ensure(*, editing: RegionEditing, region: Region) -> None:
    """The region's workflow: one task approved by its moderators, assigned to its page."""
    with translation.override(settings.LANGUAGE_CODE):
        name = (
            _("%(region)s · 省级审核")
            if region.level == Region.Level.PROVINCE
            else _("%(region)s · 市级审核")
        ) % {"region": region.name}
    if editing.workflow is None:
        workflow = Workflow.objects.create(name=name)
        task = GroupApprovalTask.objects.create(name=editing.group.name)
        task.groups.add(editing.group)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        editing.workflow = workflow
        editing.save(update_fields=["workflow"])
    elif editing.workflow.name != name:
        editing.workflow.name = name
        editing.workflow.save(update_fields=["name"])
    _workflow_page_ensure(workflow=editing.workflow, region=region)


def _workflow_page_ensure(*, workflow: Workflow, region: Region) -> None:
    """Assign the workflow to the region's page, unless an administrator chose another one."""
    page = RegionPage.objects.filter(region=region).first()
    if page is not None:
        WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})


@transaction.atomic
def region_editing_reset() -> None:
    """Delete every region's group, workflow and collection (with the images and documents in
    them): the demo's reset, before the directory is emptied."""
    rows = list(RegionEditing.objects.all())
    RegionEditing.objects.all().delete()
    Group.objects.filter(pk__in=[row.group_id for row in rows if row.group_id]).delete()
    workflows = [row.workflow_id for row in rows if row.workflow_id]
    GroupApprovalTask.objects.filter(workflow_tasks__workflow_id__in=workflows).delete()
    Workflow.objects.filter(pk__in=workflows).delete()
    collections = [row.collection_id for row in rows]
    for collection in Collection.objects.filter(pk__in=collections, depth=2):
        collection.delete()  # the collections below go with it
