"""Prepare a copy of the province database for a load run and write the plan the locustfile
reads: `python -m loadtest.prepare var/loadtest/plan.json` (run.sh does it, with the settings
gunicorn will use).

- Workers and supervisors are the province's own demo accounts (seed_demo --scale province).
- County administrators must use TOTP, so each county in the plan gets a load account,
  `load.admin.<county code>@example.cn`, with a region-administrator grant and a TOTP device;
  the locustfile computes the codes from the secret written to the plan.
- Every account in the plan gets the same password, hashed once with the first of
  PASSWORD_HASHERS, so that sign-ins cost what they will cost in production.

Run only against a scratch copy: it changes accounts.
"""

import json
import secrets
import sys
from pathlib import Path

import django

django.setup()

from allauth.mfa.models import Authenticator  # noqa: E402
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import transaction  # noqa: E402
from django.db.models import Q  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import RoleGrant, User  # noqa: E402
from accounts.roles import Role  # noqa: E402
from credentials.models import Certificate  # noqa: E402
from directory.models import Region, ServicePoint  # noqa: E402
from supervision.models import Assignment  # noqa: E402

WORKERS = 60
BURST = 40
SUPERVISORS = 20
COUNTIES = 10
CODES = 20
PROVINCE_CODE = "430000"  # Hunan, which `seed_demo --scale province` fills


def worker_emails(count: int) -> list[str]:
    """Township staff of the province (workers and deputy heads; the newest accounts, as the
    province is seeded last)."""
    staff = Q(email__startswith="worker") | Q(email__startswith="deputy.")
    found = User.objects.filter(staff, person__isnull=False, is_active=True)
    return list(found.order_by("-pk").values_list("email", flat=True)[:count])


def supervisor_emails(count: int) -> list[str]:
    """Supervisors with a station assignment running today."""
    today = timezone.localdate()
    running = Assignment.objects.filter(
        service_point__isnull=False, starts_on__lte=today, ended_on__isnull=True
    ).filter(supervisor__person__user__isnull=False)
    emails = running.order_by("-pk").values_list("supervisor__person__user__email", flat=True)
    return list(dict.fromkeys(emails))[:count]


def busiest_counties(count: int) -> list[Region]:
    """The province's counties with the most stations below them."""
    province = Region.objects.get(code=PROVINCE_CODE)
    counties = Region.objects.filter(level=Region.Level.COUNTY, path__startswith=province.path)
    stations = {
        county: ServicePoint.objects.filter(region__path__startswith=county.path).count()
        for county in counties
    }
    return sorted(stations, key=lambda county: (-stations[county], county.code))[:count]


def county_admin(county: Region) -> dict:
    """A load account administering `county`, with a fresh TOTP secret."""
    user, _created = User.objects.get_or_create(
        email=f"load.admin.{county.code}@example.cn",
        defaults={"first_name": f"{county.name}负载测试管理员"},
    )
    RoleGrant.objects.get_or_create(user=user, role=Role.REGION_ADMIN, region=county)
    Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).delete()
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return {"email": user.email, "region_id": county.pk, "totp_secret": secret}


@transaction.atomic
def prepare() -> dict:
    password = secrets.token_urlsafe(12)
    workers = worker_emails(WORKERS + BURST)
    admins = [county_admin(county) for county in busiest_counties(COUNTIES)]
    plan = {
        "password": password,
        "workers": [{"email": email} for email in workers[:WORKERS]],
        "burst": [{"email": email} for email in workers[WORKERS:]],
        "supervisors": [{"email": email} for email in supervisor_emails(SUPERVISORS)],
        "county_admins": admins,
        "codes": list(
            Certificate.objects.filter(revoked_at__isnull=True, superseded_at__isnull=True)
            .order_by("pk")
            .values_list("code", flat=True)[:CODES]
        ),
    }
    emails = [
        account["email"] for name in ("workers", "burst", "supervisors") for account in plan[name]
    ]
    emails += [admin["email"] for admin in admins]
    User.objects.filter(email__in=emails).update(password=make_password(password))
    for name in ("workers", "burst", "supervisors", "county_admins", "codes"):
        if not plan[name]:
            raise SystemExit(f"The database has no {name} for the load test: seed the province.")
    return plan


if __name__ == "__main__":
    target = Path(sys.argv[1])
    target.parent.mkdir(parents=True, exist_ok=True)
    plan = prepare()
    target.write_text(json.dumps(plan, ensure_ascii=False, indent=1))
    counts = ", ".join(f"{len(plan[name])} {name}" for name in plan if name != "password")
    sys.stdout.write(f"Load plan written to {target}: {counts}.\n")
