"""The importer mounted in the site as well as in the Wagtail admin: one set of views, each
page drawn in the frame of its mount, its links and redirects staying there."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from imports.models import ImportBatch
from tests import factories
from tests.imports.files import person_row, upload

pytestmark = pytest.mark.django_db
SITE = "/imports/"
ADMIN = "/admin/imports/"


def test_a_region_admin_imports_through_the_site_and_stays_there(client, tree, zhang_min):
    client.force_login(zhang_min.user)
    page = client.get(SITE).content.decode()
    assert 'class="site-header"' in page
    assert reverse("imports_site:template", args=["people"]) in page

    response = client.post(SITE, {"kind": "people", "file": upload("people", [person_row(tree)])})
    batch = ImportBatch.objects.get(created_by=zhang_min.user)
    assert response["Location"] == reverse("imports_site:preview", args=[batch.pk])
    preview = client.get(response["Location"]).content.decode()
    assert reverse("imports_site:commit", args=[batch.pk]) in preview
    assert ADMIN not in preview

    response = client.post(reverse("imports_site:commit", args=[batch.pk]))
    assert response["Location"] == reverse("imports_site:result", args=[batch.pk])
    assert client.get(response["Location"]).status_code == 200


def test_the_admin_importer_still_draws_in_the_admin(client, tree, zhang_min):
    client.force_login(zhang_min.user)
    page = client.get(ADMIN).content.decode()
    assert 'class="site-header"' not in page
    assert reverse("imports:template", args=["people"]) in page
    response = client.post(ADMIN, {"kind": "people", "file": upload("people", [person_row(tree)])})
    assert response["Location"].startswith(ADMIN)


def test_an_editor_without_importable_kinds_gets_403_in_the_site(client, editor):
    client.force_login(editor)
    response = client.get(SITE)
    assert response.status_code == 403
    assert 'class="site-header"' in response.content.decode()


def test_a_worker_gets_403_and_the_signed_out_are_sent_to_sign_in(client, tree):
    assert client.get(SITE)["Location"].startswith(reverse("account_login"))
    client.force_login(factories.UserFactory())
    assert client.get(SITE).status_code == 403
    assert client.get(reverse("imports_site:template", args=["people"])).status_code == 403


def test_someone_elses_batch_is_404_in_the_site(client, tree, zhang_min):
    client.force_login(zhang_min.user)
    client.post(SITE, {"kind": "people", "file": upload("people", [person_row(tree)])})
    batch = ImportBatch.objects.get(created_by=zhang_min.user)
    other = factories.UserFactory()
    factories.RoleGrantFactory(user=other, role=Role.REGION_ADMIN, region=tree.county_a)
    client.force_login(other)
    assert client.get(reverse("imports_site:preview", args=[batch.pk])).status_code == 404
