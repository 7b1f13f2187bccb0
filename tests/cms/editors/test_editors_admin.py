"""An editor in the Wagtail admin reaches only their region: county A's editor edits county A's
pages and is refused county B's (edit, delete, history, unpublish, move, add), cannot publish,
cannot move a page out of the county; the explorer opens on the county. Images and documents:
each editor lists and chooses only their region's collection.

Another region's page, image or document is a 404 (cms/admin_scope.py), as everywhere else in
the portal. Inside the region, an action the editor's rights do not allow gets Wagtail's own
refusal: a redirect to the admin's home with the message "对不起， 你没有权限访问。"."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.permission_policies.pages import PagePermissionPolicy

from cms.models import NewsPage, RegionEditing
from tests.cms.conftest import image, news
from tests.cms.editors.conftest import signed_in

pytestmark = pytest.mark.django_db

PAGE_VIEWS = ["edit", "delete", "history", "unpublish", "move", "add_subpage"]


@pytest.mark.parametrize("view", PAGE_VIEWS)
def test_editor_reaches_own_county_page_and_gets_404_on_the_other(view, pages, editors):
    own = news(pages.county_a, "芙蓉区新闻")
    other = news(pages.county_b, "天心区新闻")
    client = signed_in(editors.a)
    url = reverse(f"wagtailadmin_pages:{view}", args=[other.pk])
    assert client.get(url).status_code == 404 and client.post(url).status_code == 404
    if view in {"edit", "history"}:  # the others need publish rights on a live page
        assert client.get(reverse(f"wagtailadmin_pages:{view}", args=[own.pk])).status_code == 200


def test_editor_edits_a_draft_and_cannot_publish_it(pages, editors):
    draft = news(pages.county_a, "芙蓉区草稿", live=False)
    client = signed_in(editors.a)
    url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "action-publish" not in page.content.decode()
    data = _news_form("芙蓉区草稿（改）", slug=draft.slug, **{"action-publish": "publish"})
    assert client.post(url, data).status_code == 302
    draft.refresh_from_db()
    assert not draft.live and draft.draft_title == "芙蓉区草稿（改）"


def test_editor_adds_under_own_county_not_the_other(pages, editors):
    client = signed_in(editors.a)

    def add(parent):
        url = reverse("wagtailadmin_pages:add", args=["cms", "newspage", parent.pk])
        return client.post(url, _news_form("新稿件", slug=f"new-{parent.pk}"))

    assert add(pages.county_a).status_code == 302
    assert add(pages.county_b).status_code == 404
    (created,) = NewsPage.objects.filter(title="新稿件")
    assert created.get_parent().pk == pages.county_a.pk and not created.live


def test_editor_cannot_move_a_page_out_of_the_county(pages, editors):
    draft = news(pages.county_a, "芙蓉区草稿", live=False, owner=editors.a)
    client = signed_in(editors.a)
    for destination in (pages.county_b, pages.city):
        url = reverse("wagtailadmin_pages:move_confirm", args=[draft.pk, destination.pk])
        assert client.post(url).status_code == 404
    draft.refresh_from_db()
    assert draft.get_parent().pk == pages.county_a.pk


def test_explorer_opens_on_the_county(pages, editors):
    policy = PagePermissionPolicy()
    assert policy.explorable_root_instance(editors.a).pk == pages.county_a.pk
    assert policy.explorable_root_instance(editors.moderator).pk == pages.city.pk
    client = signed_in(editors.a)
    own = reverse("wagtailadmin_explore", args=[pages.county_a.pk])
    assert client.get(reverse("wagtailadmin_explore_root")).url == own
    # The other county is a 404; the city above (explorable, to reach the county) sends them
    # back to their own.
    assert client.get(reverse("wagtailadmin_explore", args=[pages.county_b.pk])).status_code == 404
    assert client.get(reverse("wagtailadmin_explore", args=[pages.city.pk])).url == own
    response = client.get(own)
    assert response.status_code == 200
    assert "定王台街道社工站" in response.content.decode()
    assert "天心区" not in response.content.decode()


def test_moderator_publishes_anywhere_in_the_city_not_in_another(pages, editors):
    changsha = news(pages.county_b, "天心区草稿", live=False)
    zhuzhou = news(pages.hetang, "荷塘区草稿", live=False)
    client = signed_in(editors.moderator)
    url = reverse("wagtailadmin_pages:edit", args=[changsha.pk])
    data = _news_form("天心区草稿", slug=changsha.slug, **{"action-publish": "publish"})
    assert client.post(url, data).status_code == 302
    changsha.refresh_from_db()
    assert changsha.live
    assert client.get(reverse("wagtailadmin_pages:edit", args=[zhuzhou.pk])).status_code == 404


def _collections(tree):
    return {
        region: RegionEditing.objects.get(region=region).collection
        for region in (tree.county_a, tree.county_b, tree.city)
    }


def _document(title: str, collection) -> Document:
    return Document.objects.create(
        title=title, file=ContentFile(b"%PDF-1.4", name="notice.pdf"), collection=collection
    )


MEDIA_URLS = [
    ("wagtailimages:index", image),
    ("wagtailimages_chooser:choose", image),
    ("wagtaildocs:index", _document),
    ("wagtaildocs_chooser:choose", _document),
]


@pytest.mark.parametrize(("url_name", "make"), MEDIA_URLS)
def test_media_listings_and_choosers_show_only_the_region(url_name, make, tree, pages, editors):
    collections = _collections(tree)
    make("芙蓉区照片", collection=collections[tree.county_a])
    make("天心区照片", collection=collections[tree.county_b])
    make("长沙市照片", collection=collections[tree.city])
    make("全站照片", collection=collections[tree.city].get_parent().get_parent())
    url = reverse(url_name)
    seen = {
        who: {
            title
            for title in ("芙蓉区照片", "天心区照片", "长沙市照片", "全站照片")
            if title in _text(signed_in(getattr(editors, who)).get(url))
        }
        for who in ("a", "b", "moderator", "other_moderator")
    }
    assert seen == {
        "a": {"芙蓉区照片"},
        "b": {"天心区照片"},
        "moderator": {"芙蓉区照片", "天心区照片", "长沙市照片"},
        "other_moderator": set(),
    }


def _text(response) -> str:
    """The page, or the chooser modal's HTML (sent as JSON)."""
    if response["Content-Type"].startswith("application/json"):
        return response.json()["html"]
    return response.content.decode()


def test_editor_cannot_open_another_regions_image_or_document(tree, pages, editors):
    collections = _collections(tree)
    picture = image("天心区照片", collection=collections[tree.county_b])
    document = _document("天心区文件", collections[tree.county_b])
    client = signed_in(editors.a)
    assert client.get(reverse("wagtailimages:edit", args=[picture.pk])).status_code == 404
    assert client.get(reverse("wagtaildocs:edit", args=[document.pk])).status_code == 404
    chosen = reverse("wagtailimages_chooser:chosen", args=[picture.pk])
    assert client.get(chosen).status_code == 404
    own = image("芙蓉区照片", collection=collections[tree.county_a])
    assert client.get(reverse("wagtailimages:edit", args=[own.pk])).status_code == 200


def test_an_upload_goes_into_the_editors_collection_only(tree, pages, editors):
    collections = _collections(tree)
    client = signed_in(editors.a)
    form = client.get(reverse("wagtailimages:add")).content.decode()
    assert "天心区" not in form
    response = client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "上传文件",
            "file": ContentFile(b"%PDF-1.4", name="upload.pdf"),
            "collection": collections[tree.county_b].pk,
        },
    )
    # With one collection to add to, Wagtail's form has no collection field: the posted one is
    # ignored and the document lands in the editor's county.
    assert response.status_code == 302
    assert Document.objects.get(title="上传文件").collection == collections[tree.county_a]


def _news_form(title: str, *, slug: str, **extra) -> dict:
    return {
        "title": title,
        "slug": slug,
        "date": "2025-12-01",
        "intro": "",
        "body-count": "0",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
        **extra,
    }
