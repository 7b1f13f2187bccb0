from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts import scope, selectors, services
from accounts.forms import InvitationAcceptForm
from accounts.models import Invitation
from accounts.roles import Action


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The signed-in user's start page: who they are, their roles, where they can go."""
    person = getattr(request.user, "person", None)
    return render(
        request,
        "accounts/home.html",
        {
            "person": person,
            "grants": selectors.grants_for_user(user=request.user),
            "may_view_directory": scope.may_anywhere(request.user, Action.VIEW_DIRECTORY),
            "may_manage_directory": scope.may_anywhere(request.user, Action.MANAGE_DIRECTORY),
            "may_use_back_office": scope.may_use_back_office(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Accept an invitation: set a password, receive the role, be signed in."""
    pending = Invitation.objects.filter(token=token).first()
    if pending is None or not pending.is_usable(now=timezone.now()):
        return render(request, "accounts/invitation_invalid.html", status=410)
    form = InvitationAcceptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(token=token, password=form.cleaned_data["password1"])
        except services.InvitationError as error:
            messages.error(request, str(error))
            return render(request, "accounts/invitation_invalid.html", status=410)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("账号已开通，欢迎使用。"))
        return redirect("accounts:home")
    return render(request, "accounts/invitation.html", {"form": form, "invitation": pending})
