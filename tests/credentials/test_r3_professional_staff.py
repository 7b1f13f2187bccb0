"""R3 is Beijing's test of professional staff: the progress page shows it only to a worker whose
station lies where a policy pack adopts it, while that pack is in force (Beijing's 2021 pilot),
with the pack's clause and its rural relaxation."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from credentials import progress
from quotas.models import PolicyPack
from quotas.selectors import rulebook
from quotas.services import policy_packs
from tests import factories

TODAY = dt.date(2021, 6, 1)  # within the Beijing pilot


@pytest.fixture
def beijing_worker(beijing):
    person = factories.PersonFactory(region=beijing.city, user=factories.UserFactory())
    factories.PositionFactory(
        person=person, service_point=beijing.station, starts_on=dt.date(2021, 3, 1)
    )
    return person


def _page(client, person) -> str:
    client.force_login(person.user)
    return client.get(reverse("credentials:progress")).content.decode()


def test_r3_applies_to_a_beijing_worker(beijing_worker):
    professional = progress.progress_for(person=beijing_worker, today=TODAY).professional
    assert (professional.met, professional.route, professional.set_by) == (
        True,
        "social_work_degree",  # factory: social-work bachelor
        "北京市",
    )
    assert professional.source.startswith("三、(四)：“原则上需取得社会工作师职业水平证书")
    assert "农村地区无法满足人员资质要求的可适当降低标准" in professional.rural_relaxation


def test_r3_unmet_without_certificate_or_degree(beijing_worker):
    beijing_worker.social_work_major = False
    beijing_worker.save()
    assert not progress.progress_for(person=beijing_worker, today=TODAY).professional.met


def test_r3_shown_during_the_pilot_only(beijing_worker):
    assert progress.progress_for(person=beijing_worker, today=TODAY).professional is not None
    after = dt.date(2022, 1, 1)
    assert progress.progress_for(person=beijing_worker, today=after).professional is None


def test_r3_page_shows_the_test_while_in_force(client, beijing_worker):
    """The page reads today's date: the test shows while a pack adopting it is in force."""
    PolicyPack.objects.filter(name="beijing").update(in_force_until=None)
    rulebook.changed()
    page = _page(client, beijing_worker)
    assert "专业人员认定" in page and "符合专业社工人员条件。" in page
    assert "依据（R3）：北京市，三、(四)：“原则上需取得社会工作师职业水平证书" in page
    assert "农村地区放宽：三、(四)：“农村地区无法满足人员资质要求的可适当降低标准”" in page


def test_r3_page_after_the_pilot_shows_no_test(client, beijing_worker):
    assert "专业人员认定" not in _page(client, beijing_worker)


def test_r3_not_shown_to_a_hunan_worker(client, wang_fang, beijing, zhejiang):
    for name in ("hunan", "national"):
        policy_packs.policy_pack_load(name=name)
    assert progress.progress_for(person=wang_fang, today=TODAY).professional is None
    page = _page(client, wang_fang)
    assert "专业人员认定" not in page and "农村地区" not in page
    assert not re.search(r"(?<![0-9A-Za-z])R3(?![0-9])", page)  # a rule id, not inside a token
    assert "建议督导服务期" not in page


def test_r3_follows_the_station_not_the_file(beijing, tree):
    """A worker whose file is kept in Hunan but who works at a Beijing station is tested."""
    person = factories.PersonFactory(region=tree.county_a, user=factories.UserFactory())
    factories.PositionFactory(
        person=person, service_point=beijing.station, starts_on=dt.date(2021, 3, 1)
    )
    assert progress.progress_for(person=person, today=TODAY).professional.set_by == "北京市"
