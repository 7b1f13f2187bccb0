import pytest
from django.urls import reverse

from tests import factories


def test_admin_sees_full_id_number(client, wang_fang, zhang_min):
    client.force_login(zhang_min.user)
    response = client.get(reverse("directory:person_detail", args=[wang_fang.pk]))
    assert response.status_code == 200
    assert wang_fang.id_number in response.content.decode()


def test_supervisor_sees_masked_numbers(client, wang_fang, li_qiang):
    client.force_login(li_qiang.user)
    response = client.get(reverse("directory:person_detail", args=[wang_fang.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert wang_fang.id_number not in page and wang_fang.mobile not in page
    assert wang_fang.id_number_masked in page and wang_fang.mobile_masked in page


def test_worker_sees_own_record_in_full(client, wang_fang):
    client.force_login(wang_fang.user)
    response = client.get(reverse("directory:person_detail", args=[wang_fang.pk]))
    assert response.status_code == 200
    assert wang_fang.id_number in response.content.decode()


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
