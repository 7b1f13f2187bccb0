"""Every view of every scoped back-office view set follows the user's scope (STYLE.md §4).

The object URLs come from each view set's own URL patterns, so a view that Wagtail adds to
`ModelViewSet` is requested here too: 张敏 (county A) gets a 404 for county B's objects on every
one of them, and her own county's objects on the views her role permits.
"""

import csv
import datetime as dt
import io

import pytest
from django.urls import URLPattern, reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.admin.viewsets import viewsets
from wagtail.admin.viewsets.model import ModelViewSet

from accounts.backoffice import ScopedModelViewSet, ScopedViewMixin
from accounts.models import Invitation, invitation_token_hash
from accounts.roles import Role
from directory.models import CountyRecognition, Coverage, StarRating, VolunteerCount
from tests import factories

# Views a region administrator may not use on an object in scope: nothing is deleted from the
# back office, and invitations are never changed. Wagtail refuses with a redirect (or a 403).
REFUSED_IN_SCOPE = {
    "invitations": {"delete", "edit", "usage"},
    "star_ratings": {"delete", "edit", "usage"},
    "county_recognitions": {"delete", "edit", "usage"},
}
REFUSED_BY_DEFAULT = {"delete"}


def _scoped_viewsets() -> dict[str, ScopedModelViewSet]:
    reverse("wagtailadmin_home")  # loads the admin URLs, which registers the view sets
    return {vs.name: vs for vs in viewsets.viewsets if isinstance(vs, ScopedModelViewSet)}


def _object_patterns(viewset: ModelViewSet) -> list[URLPattern]:
    return [p for p in viewset.get_urlpatterns() if p.pattern.converters]


@pytest.fixture
def pairs(tree, zhang_min, chen_jing, wang_fang):
    """For each scoped view set: an object in county A and one in county B, with the name the
    listing shows for each."""
    zhao_lei = factories.PersonFactory(name="赵雷", region=tree.county_b)
    position_b = factories.PositionFactory(person=zhao_lei, service_point=tree.station_b)
    expires_at = timezone.now() + dt.timedelta(days=7)
    invitation_a, invitation_b = (
        Invitation.objects.create(
            email=email,
            role=Role.WORKER,
            service_point=station,
            expires_at=expires_at,
            token_hash=invitation_token_hash(email),
        )
        for email, station in [
            ("sunli@example.cn", tree.station_a),
            ("zhoujie@example.cn", tree.station_b),
        ]
    )
    return {
        "regions": (tree.town_a, "定王台街道", tree.town_b, "坡子街街道"),
        "service_points": (tree.station_a, "定王台街道社工站", tree.station_b, "坡子街街道社工站"),
        "agencies": (
            factories.AgencyFactory(name="芙蓉社工服务中心", region=tree.county_a),
            "芙蓉社工服务中心",
            factories.AgencyFactory(name="天心社工服务中心", region=tree.county_b),
            "天心社工服务中心",
        ),
        "universities": (
            factories.UniversityFactory(name="芙蓉学院", region=tree.county_a),
            "芙蓉学院",
            factories.UniversityFactory(name="天心学院", region=tree.county_b),
            "天心学院",
        ),
        "people": (wang_fang, "王芳", zhao_lei, "赵雷"),
        "positions": (wang_fang.positions.get(), "王芳", position_b, "赵雷"),
        "role_grants": (
            wang_fang.user.role_grants.get(),
            "王芳",
            chen_jing.user.role_grants.get(),
            "陈静",
        ),
        "invitations": (invitation_a, "sunli@example.cn", invitation_b, "zhoujie@example.cn"),
        **_dated_records(tree),
    }


def _dated_records(tree) -> dict:
    """The R2/R25 records, one in each county."""
    day = dt.date(2026, 6, 1)
    village_a = factories.region("白沙社区", "430102001001", "village", tree.town_a)
    village_b = factories.region("青石社区", "430103001001", "village", tree.town_b)
    return {
        "star_ratings": (
            StarRating.objects.create(
                service_point=tree.station_a, stars=4, rated_on=day, guide="芙蓉评审指南"
            ),
            "芙蓉评审指南",
            StarRating.objects.create(
                service_point=tree.station_b, stars=5, rated_on=day, guide="天心评审指南"
            ),
            "天心评审指南",
        ),
        "coverages": (
            Coverage.objects.create(
                region=village_a, service_point=tree.station_a, covered_from=day
            ),
            "白沙社区",
            Coverage.objects.create(
                region=village_b, service_point=tree.station_b, covered_from=day
            ),
            "青石社区",
        ),
        "county_recognitions": (
            CountyRecognition.objects.create(region=tree.county_a, year=2023),
            "芙蓉区",
            CountyRecognition.objects.create(region=tree.county_b, year=2023),
            "天心区",
        ),
        "volunteer_counts": (
            VolunteerCount.objects.create(service_point=tree.station_a, count=31, counted_on=day),
            "定王台街道社工站",
            VolunteerCount.objects.create(service_point=tree.station_b, count=12, counted_on=day),
            "坡子街街道社工站",
        ),
    }


# (view set, URL name) for every object URL of every scoped view set, read from the URL patterns.
OBJECT_URLS = [
    (name, pattern.name)
    for name, viewset in sorted(_scoped_viewsets().items())
    for pattern in _object_patterns(viewset)
]


def test_every_scoped_viewset_is_covered(pairs):
    assert set(_scoped_viewsets()) == set(pairs)
    assert {url for _, url in OBJECT_URLS} >= {"edit", "delete", "history", "usage", "inspect"}


@pytest.mark.parametrize("name", sorted(_scoped_viewsets()))
def test_every_view_is_scoped(name):
    """Each URL of the set is served by a scoped view, and object URLs name the object by `pk`
    (the kwarg the scope check reads)."""
    for pattern in _scoped_viewsets()[name].get_urlpatterns():
        assert issubclass(pattern.callback.view_class, ScopedViewMixin), pattern.name
        assert set(pattern.pattern.converters) <= {"pk"}, pattern.name


@pytest.mark.parametrize(("name", "url_name"), OBJECT_URLS)
def test_other_countys_object_is_404_on_every_view(client, pairs, zhang_min, name, url_name):
    theirs = pairs[name][2]
    before = str(theirs)
    client.force_login(zhang_min.user)
    url = reverse(f"{name}:{url_name}", args=[theirs.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"name": "改名", "revoke": "on"}).status_code == 404
    assert str(type(theirs).objects.get(pk=theirs.pk)) == before


@pytest.mark.parametrize(("name", "url_name"), OBJECT_URLS)
def test_own_countys_object_opens_where_role_permits(client, pairs, zhang_min, name, url_name):
    ours = pairs[name][0]
    client.force_login(zhang_min.user)
    response = client.get(reverse(f"{name}:{url_name}", args=[ours.pk]))
    if url_name in REFUSED_IN_SCOPE.get(name, REFUSED_BY_DEFAULT):
        assert response.status_code in (302, 403)
        assert response.status_code == 403 or "/admin/" in response.url
    else:
        assert response.status_code == 200


@pytest.mark.parametrize("name", sorted(_scoped_viewsets()))
@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_listing_export_holds_only_own_county(client, pairs, zhang_min, name, export):
    _, our_name, _, their_name = pairs[name]
    client.force_login(zhang_min.user)
    response = client.get(reverse(f"{name}:index"), {"export": export})
    assert response.status_code == 200
    text = _spreadsheet_text(response, export)
    assert our_name in text and their_name not in text


def _spreadsheet_text(response, export: str) -> str:
    body = b"".join(response.streaming_content)
    if export == "csv":
        return "\n".join(",".join(row) for row in csv.reader(io.StringIO(body.decode())))
    sheet = load_workbook(io.BytesIO(body)).active
    return "\n".join(",".join(str(c) for c in row if c is not None) for row in sheet.values)


def test_unscoped_viewsets_on_project_models_refuse_region_admins(
    client, tree, zhang_min, chen_jing
):
    """Wagtail's own user admin (the one other view set over a project model) is for superusers:
    张敏 is turned away from each of its pages."""
    reverse("wagtailadmin_home")
    others = [
        vs
        for vs in viewsets.viewsets
        if isinstance(vs, ModelViewSet)
        and not isinstance(vs, ScopedModelViewSet)
        and vs.model._meta.app_label in {"accounts", "directory", "lms", "supervision", "quotas"}
    ]
    assert others
    client.force_login(zhang_min.user)
    for viewset in others:
        for pattern in viewset.get_urlpatterns():
            args = [chen_jing.user.pk] if pattern.pattern.converters else []
            response = client.get(reverse(f"{viewset.url_namespace}:{pattern.name}", args=args))
            assert response.status_code in (302, 403, 404), pattern.name
