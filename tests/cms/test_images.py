"""Image renditions leave through the signed public route; an image in a collection with a
view restriction is never served to someone the restriction refuses."""

import pytest
from django.contrib.auth.models import Group
from wagtail.images.views.serve import generate_image_url
from wagtail.models import Collection, CollectionViewRestriction

from tests.cms.conftest import image

pytestmark = pytest.mark.django_db


def _url(picture, spec="fill-32x24"):
    return generate_image_url(picture, spec, "cms:image")


def _restricted(kind, **fields) -> Collection:
    collection = Collection.get_first_root_node().add_child(name=f"内部{kind}")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=kind, **fields
    )
    return collection, restriction


def test_public_image_is_served_to_anonymous(client):
    response = client.get(_url(image()))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert "public" in response["Cache-Control"]


def test_wrong_signature_or_size_is_refused(client):
    picture = image()
    url = _url(picture)
    assert client.get(url.replace("fill-32x24", "fill-64x48")).status_code == 403
    assert client.get(f"/images/AAAA/{picture.pk}/fill-32x24/").status_code == 403


def test_login_restricted_collection_is_404_for_anonymous(client, wang_fang):
    collection, _ = _restricted(CollectionViewRestriction.LOGIN)
    url = _url(image(collection=collection))
    assert client.get(url).status_code == 404
    client.force_login(wang_fang.user)
    response = client.get(url)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]


def test_group_restriction_applies_to_child_collections(client, wang_fang, li_qiang):
    collection, restriction = _restricted(CollectionViewRestriction.GROUPS)
    editors = Group.objects.create(name="编辑")
    restriction.groups.add(editors)
    child = collection.add_child(name="子集合")
    url = _url(image(collection=child))
    client.force_login(wang_fang.user)
    assert client.get(url).status_code == 404
    li_qiang.user.groups.add(editors)
    client.force_login(li_qiang.user)
    assert client.get(url).status_code == 200


def test_media_url_is_not_served(client):
    picture = image()
    assert client.get("/media/" + picture.file.name).status_code == 404
