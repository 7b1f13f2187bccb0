"""The pages offer a part's confirm, dispute and resolve exactly when the views accept them."""

from django.urls import reverse

from supervision import services
from supervision.models import Supervisee


def _confirm_url(part):
    return reverse("supervision:part_confirm", args=[part.pk])


def _dispute_url(part):
    return reverse("supervision:part_dispute", args=[part.pk])


def _resolve_url(part):
    return reverse("supervision:part_resolve", args=[part.pk])


def test_pages_offer_confirm_and_dispute_on_an_open_pending_part(client, wang_fang, wang_fang_part):
    client.force_login(wang_fang.user)
    for url in (
        reverse("supervision:received") + "?year=2025",
        reverse("supervision:session_detail", args=[wang_fang_part.session_id]),
    ):
        page = client.get(url).content.decode()
        assert _confirm_url(wang_fang_part) in page and _dispute_url(wang_fang_part) in page


def test_a_locked_year_hides_the_buttons_and_the_views_refuse(
    client, tree, wang_fang, wang_fang_part
):
    services.year_close(service_point=tree.station_a, year=2025, closed_by=None)
    client.force_login(wang_fang.user)
    for url in (
        reverse("supervision:received") + "?year=2025",
        reverse("supervision:session_detail", args=[wang_fang_part.session_id]),
    ):
        page = client.get(url).content.decode()
        assert _confirm_url(wang_fang_part) not in page and _dispute_url(wang_fang_part) not in page
    response = client.post(_confirm_url(wang_fang_part), follow=True)
    assert "不能确认" in response.content.decode()
    assert client.get(_dispute_url(wang_fang_part)).status_code == 302
    wang_fang_part.refresh_from_db()
    assert wang_fang_part.state == Supervisee.State.PENDING


def test_a_confirmed_part_offers_only_a_dispute(client, wang_fang, wang_fang_part):
    services.supervisee_confirm(supervisee=wang_fang_part, confirmed_by=wang_fang.user)
    client.force_login(wang_fang.user)
    page = client.get(reverse("supervision:received") + "?year=2025").content.decode()
    assert _confirm_url(wang_fang_part) not in page and _dispute_url(wang_fang_part) in page
    response = client.post(_confirm_url(wang_fang_part), follow=True)
    assert "不能确认" in response.content.decode()


def test_station_head_confirms_for_staff_until_the_year_locks(
    client, tree, zhao_lei, wang_fang_part
):
    url = reverse("supervision:station_sessions", args=[tree.station_a.pk]) + "?year=2025"
    client.force_login(zhao_lei.user)
    assert _confirm_url(wang_fang_part) in client.get(url).content.decode()
    services.year_close(service_point=tree.station_a, year=2025, closed_by=None)
    assert _confirm_url(wang_fang_part) not in client.get(url).content.decode()


def test_resolve_is_offered_to_the_administrator_while_the_year_is_open(
    client, tree, zhang_min, disputed_part
):
    client.force_login(zhang_min.user)
    detail = reverse("supervision:session_detail", args=[disputed_part.session_id])
    disputes = reverse("supervision:disputes")
    assert _resolve_url(disputed_part) in client.get(detail).content.decode()
    assert _resolve_url(disputed_part) in client.get(disputes).content.decode()
    services.year_close(service_point=tree.station_a, year=2025, closed_by=None)
    assert _resolve_url(disputed_part) not in client.get(detail).content.decode()
    assert _resolve_url(disputed_part) not in client.get(disputes).content.decode()
    response = client.post(_resolve_url(disputed_part), {"upheld": "no", "resolution": "复核"})
    assert response.status_code == 302
    disputed_part.refresh_from_db()
    assert disputed_part.state == Supervisee.State.DISPUTED


def test_the_worker_is_not_offered_to_resolve_her_own_dispute(client, wang_fang, disputed_part):
    client.force_login(wang_fang.user)
    page = client.get(
        reverse("supervision:session_detail", args=[disputed_part.session_id])
    ).content.decode()
    assert _resolve_url(disputed_part) not in page and _dispute_url(disputed_part) not in page


def test_received_page_shows_the_years_totals_by_level(client, wang_fang, wang_fang_part):
    services.supervisee_confirm(supervisee=wang_fang_part, confirmed_by=wang_fang.user)
    client.force_login(wang_fang.user)
    page = client.get(reverse("supervision:received") + "?year=2025").content.decode()
    assert "已确认 2.0" in page  # 120 minutes confirmed this year


def test_a_held_session_cannot_be_cancelled(client, li_qiang, session):
    """R7: a held session is a record; only planned sessions are cancelled."""
    client.force_login(li_qiang.user)
    page = client.get(reverse("supervision:session_detail", args=[session.pk])).content.decode()
    assert reverse("supervision:session_cancel", args=[session.pk]) not in page
    response = client.post(reverse("supervision:session_cancel", args=[session.pk]), follow=True)
    assert "只能取消尚未举行的督导活动" in response.content.decode()
    session.refresh_from_db()
    assert session.status == "held"
