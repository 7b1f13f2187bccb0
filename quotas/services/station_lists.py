"""A station's service list (专业服务清单) and negative list (负面工作清单), R19.

Hunan's plan puts 许可、确认、审批、给付 on every station's negative list and the four fields
of professional service on its service list; `station_lists_seed` copies a pack's items onto a
station's lists with the pack's citation, and those items stay. The station head or the county
adds and removes the station's own items. Hangzhou: administrative chores are not service
(行政性事务不得列入服务内容), so no item is on both lists.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts import scope
from accounts.models import User
from accounts.roles import Action
from audit.services import audit_record
from core.conflicts import refused_on_conflict
from directory.models import ServicePoint
from quotas.models import StationListItem
from quotas.selectors import obligations

Kind = StationListItem.Kind
OTHER = {Kind.SERVICE: Kind.NEGATIVE, Kind.NEGATIVE: Kind.SERVICE}


def _require_editor(*, user: User, service_point: ServicePoint) -> None:
    if not any(
        scope.role_allows(user=user, action=action, obj=service_point)
        for action in (Action.FILE_REPORTS, Action.REVIEW_REPORTS)
    ):
        raise PermissionDenied(_("只有本站站长或辖区民政管理员可以修改清单。"))


def _on_other_list(*, service_point: ServicePoint, kind: str, text: str) -> bool:
    return StationListItem.objects.filter(
        service_point=service_point, kind=OTHER[kind], text=text
    ).exists()


@transaction.atomic
def station_list_item_add(
    *, service_point: ServicePoint, kind: str, text: str, by: User
) -> StationListItem:
    """R19: add one of the station's own items to its service or negative list."""
    _require_editor(user=by, service_point=service_point)
    text = text.strip()
    if not text:
        raise ValidationError(_("请填写事项。"))
    if _on_other_list(service_point=service_point, kind=kind, text=text):
        raise ValidationError(
            _("“%(text)s”已在本站另一份清单中：行政性事务不得列入服务内容，同一事项不能两单并列。")
            % {"text": text}
        )
    if StationListItem.objects.filter(service_point=service_point, kind=kind, text=text).exists():
        raise ValidationError(_("清单中已有该事项。"))
    with refused_on_conflict(_("清单中已有该事项。")):
        item = StationListItem.objects.create(
            service_point=service_point, kind=kind, text=text, added_by=by
        )
    audit_record(actor=by, verb="station_list.add", target=item, after={"kind": kind})
    return item


@transaction.atomic
def station_list_item_remove(*, item: StationListItem, by: User) -> None:
    """R19: remove one of the station's own items; items a policy document puts on the list
    stay."""
    _require_editor(user=by, service_point=item.service_point)
    if item.source:
        raise ValidationError(_("依据政策文件列入的事项不能删除。"))
    audit_record(actor=by, verb="station_list.remove", target=item, before={"kind": item.kind})
    item.delete()


@transaction.atomic
def station_lists_seed(*, service_point: ServicePoint, by: User | None, on: dt.date) -> int:
    """R19: copy the items of the packs in force on `on` onto the station's lists, each with
    its pack's citation, skipping items the station already lists (on either list). Returns
    how many were added. `by` None: the demo seeding."""
    if by is not None:
        _require_editor(user=by, service_point=service_point)
    listed = set(
        StationListItem.objects.filter(service_point=service_point).values_list("text", flat=True)
    )
    added = []
    for kind in Kind.values:
        seed = obligations.list_seed(path=service_point.region.path, kind=kind, on=on)
        for text in seed.items if seed else ():
            if text not in listed:
                listed.add(text)
                added.append(
                    StationListItem(
                        service_point=service_point,
                        kind=kind,
                        text=text,
                        source=seed.source,
                        added_by=by,
                    )
                )
    if added:
        with refused_on_conflict(_("清单刚刚已被他人修改，请刷新后再试。")):
            StationListItem.objects.bulk_create(added)
        audit_record(
            actor=by,
            verb="station_list.seed",
            target=service_point,
            after={"items": [item.text for item in added]},
        )
    return len(added)
