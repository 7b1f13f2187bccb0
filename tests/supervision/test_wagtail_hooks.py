from django.test import RequestFactory

from supervision.wagtail_hooks import register_supervision_menu_item


def _shown(user) -> bool:
    request = RequestFactory().get("/admin/")
    request.user = user
    return register_supervision_menu_item().is_shown(request)


def test_menu_entry_only_for_supervision_managers(zhang_min, li_qiang):
    item = register_supervision_menu_item()
    assert str(item.url) == "/supervision/supervisors/"
    assert _shown(zhang_min.user)
    assert not _shown(li_qiang.user)
