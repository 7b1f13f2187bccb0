"""Manual hours on a person's page: the level offered and enforced is the adjuster's own or
below (R12, R13), as for external training."""

from django.urls import reverse

from lms.models import HourEntry

ADJUST = {"on": "2026-03-02", "minutes": "90", "kind": "practice", "reason": "纸质签到补录"}


def _options(page: str) -> set[str]:
    return {
        level for level in ("province", "city", "county", "township") if f'value="{level}"' in page
    }


def test_r12_county_adjuster_is_offered_county_or_below(client, wang_fang, zhang_min):
    client.force_login(zhang_min.user)
    page = client.get(reverse("lms:person_hours", args=[wang_fang.pk])).content.decode()
    assert _options(page) == {"county", "township"}


def test_r12_forged_city_level_adjustment_is_refused(client, wang_fang, zhang_min):
    client.force_login(zhang_min.user)
    url = reverse("lms:person_adjust", args=[wang_fang.pk])
    response = client.post(url, {**ADJUST, "providing_level": "city"}, follow=True)
    assert "本级或下级" in response.content.decode()
    assert not HourEntry.objects.exists()


def test_r12_county_adjuster_credits_county_hours(client, wang_fang, zhang_min):
    client.force_login(zhang_min.user)
    url = reverse("lms:person_adjust", args=[wang_fang.pk])
    client.post(url, {**ADJUST, "providing_level": "county"})
    assert HourEntry.objects.get().providing_level == "county"
