"""The station's service list and negative list page (R19)."""

import pytest
from django.urls import reverse

from quotas.models import StationListItem
from tests import factories

Kind = StationListItem.Kind
HUNAN_LIKE = {
    "negative_list": ["许可", "确认", "审批", "给付"],
    "negative_list_source": "本地选择：负面工作清单",
    "service_list": ["社会救助"],
    "service_list_source": "本地选择：专业服务清单",
}


@pytest.fixture
def lists_pack(tree):
    """A pack in force today that puts items on the stations' lists."""
    return factories.PolicyPackFactory(region=tree.province, title="长沙试行清单", **HUNAN_LIKE)


def _url(point):
    return reverse("quotas:station_lists", args=[point.pk])


def test_r19_head_seeds_adds_and_removes(client, lists_pack, tree, head):
    client.force_login(head)
    page = client.get(_url(tree.station_a)).content.decode()
    assert "负面工作清单：许可、确认、审批、给付（《长沙试行清单》本地选择：负面工作清单）" in page
    page = client.post(_url(tree.station_a), {"action": "seed"}, follow=True).content.decode()
    assert "已按现行政策加入 5 项。" in page and 'value="seed"' not in page
    page = client.post(
        _url(tree.station_a),
        {"action": "add", "kind": "negative", "text": " 代为审核低保申请材料 "},
        follow=True,
    ).content.decode()
    assert "已加入清单。" in page
    own = StationListItem.objects.get(text="代为审核低保申请材料")
    assert own.added_by == head and own.source == ""
    page = client.get(_url(tree.station_a)).content.decode()
    assert (
        "许可、确认、审批、给付 <small>（《长沙试行清单》本地选择：负面工作清单）</small>" in page
    )
    client.post(_url(tree.station_a), {"action": "remove", "item": own.pk})
    assert not StationListItem.objects.filter(pk=own.pk).exists()


def test_r19_refusals_show_chinese_messages(client, lists_pack, tree, zhang_min):
    client.force_login(zhang_min.user)
    client.post(_url(tree.station_a), {"action": "seed"})
    page = client.post(
        _url(tree.station_a), {"action": "add", "kind": "service", "text": "审批"}, follow=True
    ).content.decode()
    assert "行政性事务不得列入服务内容" in page
    cited = StationListItem.objects.get(text="给付")
    page = client.post(
        _url(tree.station_a), {"action": "remove", "item": cited.pk}, follow=True
    ).content.decode()
    assert "依据政策文件列入的事项不能删除。" in page
    assert StationListItem.objects.filter(pk=cited.pk).exists()
    assert StationListItem.objects.filter(kind=Kind.SERVICE, text="审批").count() == 0


def test_r19_an_item_of_another_station_is_not_found(client, tree, head, zhang_min):
    other = StationListItem.objects.create(
        service_point=tree.station_b, kind=Kind.NEGATIVE, text="审批"
    )
    client.force_login(head)
    for item in (str(other.pk), "x", ""):
        assert (
            client.post(_url(tree.station_a), {"action": "remove", "item": item}).status_code == 404
        )
    assert StationListItem.objects.filter(pk=other.pk).exists()


@pytest.mark.parametrize(("who", "status"), [("chen_jing", 404), ("wang_fang", 403)])
def test_r19_lists_page_refuses_wrong_user(client, request, lists_pack, tree, who, status):
    client.force_login(request.getfixturevalue(who).user)
    assert client.get(_url(tree.station_a)).status_code == status
    for data in (
        {"action": "seed"},
        {"action": "add", "kind": "service", "text": "个案辅导"},
    ):
        assert client.post(_url(tree.station_a), data).status_code == status
    assert not StationListItem.objects.exists()


def test_r19_lists_page_query_count(client, lists_pack, tree, head, django_assert_max_num_queries):
    for n in range(40):
        StationListItem.objects.create(
            service_point=tree.station_a,
            kind=Kind.SERVICE if n % 2 else Kind.NEGATIVE,
            text=f"事项{n}",
        )
    client.force_login(head)
    with django_assert_max_num_queries(12):
        assert client.get(_url(tree.station_a)).status_code == 200
