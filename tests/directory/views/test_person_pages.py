import pytest
from django.urls import reverse

from audit.models import AuditEvent
from tests import factories


def test_admin_sees_masked_numbers_and_a_reveal_form(client, wang_fang, zhang_min):
    client.force_login(zhang_min.user)
    response = client.get(reverse("directory:person_detail", args=[wang_fang.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert wang_fang.id_number not in page and wang_fang.id_number_masked in page
    assert 'name="purpose"' in page
    assert not AuditEvent.objects.filter(verb="sensitive.view").exists()


def test_admin_reveals_numbers_with_a_reason_and_it_is_audited(client, wang_fang, zhang_min):
    client.force_login(zhang_min.user)
    response = client.post(
        reverse("directory:person_detail", args=[wang_fang.pk]), {"purpose": "verify_identity"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert wang_fang.id_number in page and wang_fang.mobile in page
    assert "no-store" in response["Cache-Control"]
    event = AuditEvent.objects.get(verb="sensitive.view")
    assert event.actor == zhang_min.user
    assert (event.target_type, event.target_id) == ("directory.person", str(wang_fang.pk))
    assert event.after["purpose"] == "verify_identity"


def test_reveal_without_a_reason_is_refused(client, wang_fang, zhang_min):
    client.force_login(zhang_min.user)
    response = client.post(reverse("directory:person_detail", args=[wang_fang.pk]), {})
    page = response.content.decode()
    assert response.status_code == 200
    assert "请选择查看完整号码的原因。" in page
    assert wang_fang.id_number not in page
    assert not AuditEvent.objects.filter(verb="sensitive.view").exists()


def test_supervisor_sees_masked_numbers(client, wang_fang, li_qiang):
    client.force_login(li_qiang.user)
    response = client.get(reverse("directory:person_detail", args=[wang_fang.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert wang_fang.id_number not in page and wang_fang.mobile not in page
    assert wang_fang.id_number_masked in page and wang_fang.mobile_masked in page
    assert 'name="purpose"' not in page


def test_supervisor_cannot_reveal(client, wang_fang, li_qiang):
    client.force_login(li_qiang.user)
    response = client.post(
        reverse("directory:person_detail", args=[wang_fang.pk]), {"purpose": "handle_business"}
    )
    assert response.status_code == 403
    assert not AuditEvent.objects.filter(verb="sensitive.view").exists()


def test_worker_reveals_own_record(client, wang_fang):
    client.force_login(wang_fang.user)
    response = client.post(
        reverse("directory:person_detail", args=[wang_fang.pk]), {"purpose": "own_record"}
    )
    assert response.status_code == 200
    assert wang_fang.id_number in response.content.decode()
    assert AuditEvent.objects.get(verb="sensitive.view").actor == wang_fang.user


def test_reveal_outside_scope_is_404_and_not_audited(client, zhang_min, chen_jing):
    client.force_login(chen_jing.user)
    response = client.post(
        reverse("directory:person_detail", args=[zhang_min.pk]), {"purpose": "verify_identity"}
    )
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(verb="sensitive.view").exists()


@pytest.mark.parametrize("who", ["chen_jing", "wang_fang"])
def test_person_outside_scope_is_404(client, request, tree, zhang_min, who):
    client.force_login(request.getfixturevalue(who).user)
    response = client.get(reverse("directory:person_detail", args=[zhang_min.pk]))
    assert response.status_code == 404


def test_person_list_masks_and_scopes(client, tree, zhang_min, wang_fang, chen_jing):
    client.force_login(zhang_min.user)
    page = client.get(reverse("directory:person_list")).content.decode()
    assert "王芳" in page and "陈静" not in page
    assert wang_fang.id_number not in page and wang_fang.id_number_masked in page


def test_person_list_query_count_does_not_grow(
    client, tree, zhang_min, django_assert_max_num_queries
):
    for _ in range(40):
        factories.PersonFactory(region=tree.county_a)
    client.force_login(zhang_min.user)
    with django_assert_max_num_queries(7):
        assert client.get(reverse("directory:person_list")).status_code == 200


def test_worker_gets_403_on_person_list(client, wang_fang):
    client.force_login(wang_fang.user)
    assert client.get(reverse("directory:person_list")).status_code == 403
