"""The registry of import kinds: other apps register theirs; each kind says who may import it."""

import pytest
from django.urls import reverse
from django.utils.translation import gettext_lazy

from imports import kinds
from imports.models import ImportBatch

pytestmark = pytest.mark.django_db


def _nobody(*, user) -> bool:
    return False


def _kind(key: str, **changes) -> kinds.ImportKind:
    fields = {
        "key": key,
        "label": gettext_lazy("测试"),
        "columns": (kinds.Column("名称", "name", True, gettext_lazy("名称。")),),
        "validate": lambda *, rows, user: [],
        "save": lambda *, results, user: None,
        "may_import": _nobody,
        "example": lambda *, user: {},
        "result_url": lambda: "/",
        "result_label": gettext_lazy("查看"),
        **changes,
    }
    return kinds.ImportKind(**fields)


@pytest.fixture
def closed_kind(monkeypatch):
    """A kind nobody may import, registered beside the directory kinds."""
    kind = _kind("closed_kind")
    monkeypatch.setitem(kinds._registry, kind.key, kind)
    return kind


def test_the_directory_kinds_are_registered_by_imports_itself():
    assert [kind.key for kind in kinds._registry.values()][:2] == ["service_points", "people"]
    assert kinds.label_of("people") == "人员"
    assert kinds.label_of("gone") == "gone"


@pytest.mark.parametrize("key", ["with space", "x" * 21, "slash/key"])
def test_keys_must_be_short_slugs(key):
    with pytest.raises(ValueError, match="slug"):
        kinds.register(_kind(key))


def test_a_key_is_registered_once(closed_kind):
    kinds.register(closed_kind)  # the same kind again (a second ready()) is harmless
    with pytest.raises(ValueError, match="already registered"):
        kinds.register(_kind(closed_kind.key))


def test_only_importable_kinds_are_offered(client, zhang_min, closed_kind):
    client.force_login(zhang_min.user)
    html = client.get(reverse("imports:upload")).content.decode()
    assert reverse("imports:template", args=["people"]) in html
    assert closed_kind.key not in html


def test_a_kind_the_user_may_not_import_is_403(client, zhang_min, closed_kind):
    client.force_login(zhang_min.user)
    assert client.get(reverse("imports:template", args=[closed_kind.key])).status_code == 403
    assert client.get(reverse("imports:upload"), {"kind": closed_kind.key}).status_code == 403
    response = client.post(reverse("imports:upload"), {"kind": closed_kind.key})
    assert response.status_code == 403
    batch = ImportBatch.objects.create(
        kind=closed_kind.key, created_by=zhang_min.user, filename="x.xlsx"
    )
    for name in ("imports:preview", "imports:commit", "imports:result"):
        method = client.post if name == "imports:commit" else client.get
        assert method(reverse(name, args=[batch.pk])).status_code == 403


def test_an_unknown_kind_is_404(client, zhang_min):
    client.force_login(zhang_min.user)
    assert client.get(reverse("imports:upload"), {"kind": "nothing"}).status_code == 404
