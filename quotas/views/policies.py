"""The policy rules of one's regions, and carrying an ended rule forward by decision."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from quotas import forms, permissions
from quotas.models import PolicyRule
from quotas.selectors import policies
from quotas.services import carry_forward


def policy_list(request: HttpRequest) -> HttpResponse:
    permissions.require_quota_viewer(user=request.user)
    return render(
        request,
        "quotas/policies.html",
        {"packs": policies.policies_for_user(user=request.user, today=timezone.localdate())},
    )


def _rule_for_manager(request: HttpRequest, pk: int) -> PolicyRule:
    """404 outside the rules the user's regions see; 403 unless they may decide for it."""
    visible = {rule.pk: rule for rule in policies.rules_for_user(user=request.user)}
    rule = visible.get(pk)
    if rule is None:
        raise Http404
    if not carry_forward.may_carry_forward(user=request.user, rule=rule):
        raise PermissionDenied
    return rule


def rule_carry_forward(request: HttpRequest, pk: int) -> HttpResponse:
    permissions.require_quota_viewer(user=request.user)
    rule = _rule_for_manager(request, pk)
    if rule.in_force_until is None:
        messages.error(request, _("该规则尚未到期，无需延续。"))
        return redirect("quotas:policies")
    initial = {
        "starts_on": rule.in_force_until + carry_forward.ONE_DAY,
        "threshold": carry_forward.last_threshold(rule),
    }
    form = forms.CarryForwardForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            carry_forward.rule_carry_forward(rule=rule, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("已记录延续执行决定。"))
            return redirect("quotas:policies")
    return render(request, "quotas/carry_forward.html", {"rule": rule, "form": form})
