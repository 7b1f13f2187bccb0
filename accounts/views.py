import json

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts import role_homes, scope, selectors, services
from accounts.forms import InvitationAcceptForm
from accounts.roles import Action
from core import personal_data
from core.pdf import render_pdf
from directory.selectors import person_of_user


def home(request: HttpRequest) -> HttpResponse:
    """The signed-in user's start page: one section per role they hold (`accounts.role_homes`). An
    administrator with one region and no other role lands on its dashboard; `overview` keeps
    their links."""
    return _home(request, land=True)


def overview(request: HttpRequest) -> HttpResponse:
    """The start page without landing on a dashboard: every section and the usual links."""
    return _home(request, land=False)


def _home(request: HttpRequest, *, land: bool) -> HttpResponse:
    user = request.user
    person = person_of_user(user=user)
    now = timezone.now()
    today = timezone.localdate(now)
    sections = role_homes.sections_of(user=user, person=person, today=today)
    regions = (
        role_homes.administered_regions(user=user) if role_homes.ADMINISTRATOR in sections else []
    )
    landing = role_homes.landing_region(sections=sections, regions=regions)
    if land and landing is not None:
        return redirect("quotas:region", pk=landing.pk)
    context = {
        "person": person,
        "grants": selectors.grants_for_user(user=user),
        "sections": sections,
        "regions": regions,
        "may_view_directory": scope.may_anywhere(user, Action.VIEW_DIRECTORY),
        "may_manage_directory": scope.may_anywhere(user, Action.MANAGE_DIRECTORY),
        "may_use_back_office": scope.may_use_back_office(user),
        "may_coordinate_practicum": scope.may_anywhere(user, Action.MANAGE_PRACTICUM),
    }
    if role_homes.WORKER in sections:
        context["worker"] = role_homes.worker_section(person=person, now=now, today=today)
    if role_homes.STATION_HEAD in sections:
        context["stations_headed"] = role_homes.station_head_sections(user=user, today=today)
    if role_homes.SUPERVISOR in sections:
        context["supervisor"] = role_homes.supervisor_section(user=user, now=now, today=today)
    return render(request, "accounts/home.html", context)


@login_not_required
@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Accept an invitation. A new e-mail sets a password and is signed in; an e-mail that
    already has an account accepts the role once its owner has signed in."""
    pending = services.invitation_pending(token=token)
    if pending is None:
        return render(request, "accounts/invitation_invalid.html", status=410)
    account = services.invitation_account(pending)
    if account is None:
        return _invitation_new_account(request, token=token, pending=pending)
    if not request.user.is_authenticated:
        context = {"invitation": pending, "step": "sign_in"}
        return render(request, "accounts/invitation.html", context)
    if request.user.pk != account.pk:
        context = {"invitation": pending, "step": "other_account"}
        return render(request, "accounts/invitation.html", context, status=403)
    if request.method == "POST":
        return _accepted(request, token=token, signed_in=request.user)
    return render(request, "accounts/invitation.html", {"invitation": pending, "step": "confirm"})


def _invitation_new_account(request: HttpRequest, *, token: str, pending) -> HttpResponse:
    form = InvitationAcceptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return _accepted(request, token=token, password=form.cleaned_data["password1"])
    context = {"form": form, "invitation": pending, "step": "new_account"}
    return render(request, "accounts/invitation.html", context)


def _accepted(request: HttpRequest, *, token: str, **who) -> HttpResponse:
    try:
        user = services.invitation_accept(token=token, **who)
    except services.InvitationError as error:
        messages.error(request, str(error))
        return render(request, "accounts/invitation_invalid.html", status=410)
    if not request.user.is_authenticated:
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(request, _("已接受邀请，新的角色已生效。"))
    return redirect("accounts:home")


MY_DATA_FORMATS = ("json", "pdf")


@require_http_methods(["GET"])
def my_data(request: HttpRequest, fmt: str) -> HttpResponse:
    """Everything the portal holds about the signed-in person, as JSON or PDF; only their own
    (the person comes from the session, never from the request)."""
    person = person_of_user(user=request.user)
    if person is None or fmt not in MY_DATA_FORMATS:
        raise Http404
    sections = personal_data.personal_data_collect(person=person)
    exported_at = timezone.localtime()
    name = f"my-data-{exported_at:%Y%m%d}.{fmt}"
    if fmt == "json":
        body = json.dumps(
            {"exported_at": exported_at.isoformat(), "sections": sections},
            ensure_ascii=False,
            indent=2,
        ).encode()
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    else:
        body = render_pdf(
            template="pdf/personal_data.html",
            context={"person": person, "sections": sections, "exported_at": exported_at},
        )
        response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, name)
    patch_cache_control(response, no_store=True, private=True)
    return response
