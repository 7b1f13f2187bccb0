"""Start-page links to the practicum pages (R15): the public placement list for everyone signed
in and on the public home, the placement records (评价与结业) for whoever works on them."""

import pytest
from django.urls import reverse

from cms.models import HomePage

pytestmark = pytest.mark.django_db

RECORDS = reverse("practicum:completion_index")
PUBLIC = reverse("practicum:completion_public_list")


def home_of(client, who) -> str:
    client.force_login(getattr(who, "person", who).user)
    return client.get(reverse("accounts:overview")).content.decode()


@pytest.mark.parametrize("who", ["coordinator", "tutor", "field_supervisor", "head_a", "student"])
def test_those_who_work_on_placements_reach_their_records(client, practicum, who):
    page = home_of(client, getattr(practicum, who))
    assert f'href="{RECORDS}"' in page
    assert f'href="{PUBLIC}"' in page


def test_a_worker_sees_only_the_public_list(client, practicum):
    page = home_of(client, practicum.worker)
    assert f'href="{RECORDS}"' not in page
    assert f'href="{PUBLIC}"' in page


def test_the_public_home_links_the_placement_list(client):
    assert HomePage.objects.exists()
    assert f'href="{PUBLIC}"' in client.get("/").content.decode()
