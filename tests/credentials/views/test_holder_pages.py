import datetime as dt
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from credentials import signing
from credentials.models import ShareLink
from tests import factories


def test_holder_downloads_exactly_the_stored_bytes(client, certificate, wang_fang):
    client.force_login(wang_fang.user)
    response = client.get(reverse("credentials:download", args=[certificate.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == certificate.pdf.read()


def test_admin_in_scope_downloads(client, certificate, zhang_min):
    client.force_login(zhang_min.user)
    assert client.get(reverse("credentials:download", args=[certificate.pk])).status_code == 200


@pytest.mark.parametrize(("who", "status"), [("chen_jing", 404), ("li_qiang", 403)])
def test_download_refuses_wrong_user(client, request, certificate, who, status):
    client.force_login(request.getfixturevalue(who).user)
    assert client.get(reverse("credentials:download", args=[certificate.pk])).status_code == status


def test_other_worker_gets_404(client, tree, certificate):
    other = factories.PersonFactory(region=tree.county_a, user=factories.UserFactory())
    factories.RoleGrantFactory(user=other.user, role=Role.WORKER, service_point=tree.station_a)
    client.force_login(other.user)
    assert client.get(reverse("credentials:download", args=[certificate.pk])).status_code == 404


def test_anonymous_download_goes_to_login(client, certificate):
    response = client.get(reverse("credentials:download", args=[certificate.pk]))
    assert response.status_code == 302 and "login" in response.url


def test_my_page_lists_certificates_and_verifications(client, certificate, wang_fang):
    client.get(reverse("credentials:verify", args=[certificate.code]), REMOTE_ADDR="203.0.113.9")
    client.force_login(wang_fang.user)
    page = client.get(reverse("credentials:mine")).content.decode()
    assert certificate.short_code in page and "203.0.113.*" in page


@pytest.mark.parametrize(
    ("route", "method"),
    [
        ("credentials:mine", "get"),
        ("credentials:progress", "get"),
        ("credentials:hours_new", "get"),
        ("credentials:share_create", "post"),
    ],
)
def test_own_pages_refuse_an_account_without_a_person(client, db, route, method):
    client.force_login(factories.UserFactory())
    assert getattr(client, method)(reverse(route)).status_code == 403


def test_share_link_shows_record_until_revoked(client, certificate, wang_fang):
    client.force_login(wang_fang.user)
    client.post(reverse("credentials:share_create"), {"days": "7"})
    link = ShareLink.objects.get()
    client.logout()
    url = reverse("credentials:shared", args=[link.token])
    page = client.get(url)
    assert page.status_code == 200 and "王芳" in page.content.decode()
    client.force_login(wang_fang.user)
    client.post(reverse("credentials:share_revoke", args=[link.pk]))
    client.logout()
    assert client.get(url).status_code == 410


def test_expired_share_link_is_gone(client, wang_fang):
    link = ShareLink.objects.create(
        person=wang_fang, token="t" * 32, expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    assert client.get(reverse("credentials:shared", args=[link.token])).status_code == 410


def test_share_link_days_out_of_range(client, wang_fang):
    client.force_login(wang_fang.user)
    response = client.post(reverse("credentials:share_create"), {"days": "400"}, follow=True)
    assert "1 到 90 天" in response.content.decode()
    assert not ShareLink.objects.exists()


def test_other_users_share_link_cannot_be_revoked(client, wang_fang, zhang_min):
    link = ShareLink.objects.create(
        person=wang_fang, token="u" * 32, expires_at=timezone.now() + dt.timedelta(days=1)
    )
    client.force_login(zhang_min.user)
    assert client.post(reverse("credentials:share_revoke", args=[link.pk])).status_code == 404


def test_verify_certificate_command(tmp_path, client, certificate, capsys):
    document = client.get(reverse("credentials:verify_json", args=[certificate.code])).json()
    saved = tmp_path / "c.json"
    saved.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    call_command("verify_certificate", str(saved))
    assert "VALID SIGNATURE" in capsys.readouterr().out
    document["certificate"]["holder"]["name"] = "李四"
    saved.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError, match="INVALID"):
        call_command("verify_certificate", str(saved))
    pdf = tmp_path / "c.pdf"
    pdf.write_bytes(certificate.pdf.read())
    call_command("verify_certificate", str(pdf))
    assert "IDENTICAL" in capsys.readouterr().out
    pem = tmp_path / "key.pem"
    pem.write_bytes(signing.public_key_pem())
    saved.write_text(
        json.dumps(client.get(reverse("credentials:verify_json", args=[certificate.code])).json()),
        encoding="utf-8",
    )
    call_command("verify_certificate", str(saved), "--public-key", str(pem))


def test_admin_revokes_with_reason_only(client, certificate, zhang_min):
    client.force_login(zhang_min.user)
    url = reverse("credentials:certificate_revoke", args=[certificate.pk])
    client.post(url, {"reason": " "})
    certificate.refresh_from_db()
    assert certificate.status == "valid"
    client.post(url, {"reason": "学时重复录入"})
    certificate.refresh_from_db()
    assert certificate.status == "revoked" and certificate.revoke_reason == "学时重复录入"


def test_pages_show_the_status_label_and_revoke_only_valid_ones(
    client, certificate, wang_fang, zhang_min
):
    revoke = reverse("credentials:certificate_revoke", args=[certificate.pk])
    person_page = reverse("credentials:person_certificates", args=[wang_fang.pk])
    client.force_login(zhang_min.user)
    page = client.get(person_page).content.decode()
    assert "有效" in page and revoke in page
    client.post(revoke, {"reason": "学时重复录入"})
    page = client.get(person_page).content.decode()
    assert "已撤销：学时重复录入" in page and revoke not in page
    client.force_login(wang_fang.user)
    assert "已撤销" in client.get(reverse("credentials:mine")).content.decode()
    verify = client.get(reverse("credentials:verify", args=[certificate.code])).content.decode()
    assert "此证明已于" in verify


@pytest.mark.parametrize(
    ("who", "status"), [("chen_jing", 404), ("li_qiang", 403), ("wang_fang", 403)]
)
def test_revoke_refuses_wrong_user(client, request, certificate, who, status):
    client.force_login(request.getfixturevalue(who).user)
    url = reverse("credentials:certificate_revoke", args=[certificate.pk])
    assert client.post(url, {"reason": "x"}).status_code == status


def test_person_certificates_page_is_scoped(client, certificate, wang_fang, zhang_min, chen_jing):
    url = reverse("credentials:person_certificates", args=[wang_fang.pk])
    client.force_login(chen_jing.user)
    assert client.get(url).status_code == 404
    client.force_login(zhang_min.user)
    page = client.get(url)
    assert page.status_code == 200 and certificate.short_code in page.content.decode()
