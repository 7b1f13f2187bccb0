from lms import selectors
from lms.models import Enrolment
from tests.lms.conftest import make_run, worker


def _enrol(run, person, status=Enrolment.Status.ENROLLED):
    return Enrolment.objects.create(run=run, person=person, status=status, created_by=person.user)


def test_people_enrolled_in_a_run_leave_out_other_states_and_runs(tree, course, run, wang_fang):
    pending = worker(tree, "待审核")
    cancelled = worker(tree, "已取消")
    elsewhere = worker(tree, "别的班")
    _enrol(run, pending, status=Enrolment.Status.PENDING)
    _enrol(run, cancelled, status=Enrolment.Status.CANCELLED)
    _enrol(make_run(course), elsewhere)
    later = worker(tree, "后报名")
    _enrol(run, later)
    _enrol(run, wang_fang)
    assert list(selectors.people_enrolled_in(run_id=run.pk)) == [wang_fang, later]


def test_enrolments_of_user_are_their_own_person_s(tree, run, wang_fang, django_assert_num_queries):
    mine = _enrol(run, wang_fang)
    _enrol(run, worker(tree, "同事"))
    with django_assert_num_queries(1):
        found = list(selectors.enrolments_of_user(user=wang_fang.user))
        assert [(e, e.run.course.title, e.person.name) for e in found] == [
            (mine, run.course.title, "王芳")
        ]
