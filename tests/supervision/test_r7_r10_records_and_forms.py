"""R7 (Hangzhou, 四、（四）): stations record and archive every supervision activity, and the
record serves the supervisor's own promotion file. R10 (Jiaxing; Hunan): the forms of
supervision — expert circuit visits, resident supervision, performance evaluation — and Hunan's
experts linked to counties (专家联系点)."""

from supervision import selectors
from supervision.models import Assignment, SessionForm


def test_r7_a_held_session_is_in_the_station_archive_and_the_supervisors_portfolio(
    tree, session, li_qiang_profile
):
    archive = selectors.sessions_for_archive(
        service_point=tree.station_a, year=session.held_on.year
    )
    assert list(archive) == [session]
    assert list(selectors.sessions_for_portfolio(supervisor=li_qiang_profile)) == [session]


def test_r7_archive_keeps_only_the_stations_own_sessions(tree, session):
    assert not selectors.sessions_for_archive(
        service_point=tree.station_b, year=session.held_on.year
    ).exists()


def test_r10_forms_of_supervision_named_by_the_documents():
    labels = {str(label) for label in SessionForm.labels}
    assert {"专家巡回指导", "驻站督导", "绩效评估"} <= labels
    assert "县级联系点专家" in {str(label) for label in Assignment.Mode.labels}
