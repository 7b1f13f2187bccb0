"""Back-office forms for role grants and invitations."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts import scope
from accounts.backoffice import ScopedForm
from accounts.models import Invitation, RoleGrant, User
from accounts.roles import Action

SCOPE_FIELDS = ("region", "service_point", "university")


def _check_one_scope(form: forms.Form, cleaned: dict) -> None:
    chosen = [name for name in SCOPE_FIELDS if cleaned.get(name)]
    if len(chosen) != 1:
        form.add_error(None, _("请在“区域”“服务站点”“高校”中选择且只选择一项作为授权范围。"))


class _ScopeChoicesForm(ScopedForm):
    scoped_choices = {
        "region": scope.regions_visible_to,
        "service_point": scope.service_points_visible_to,
        "university": scope.universities_visible_to,
    }

    def clean(self):
        cleaned = super().clean()
        _check_one_scope(self, cleaned)
        role = cleaned.get("role")
        if role and not self.errors and self.user is not None:
            if not scope.may_grant(user=self.user, role=role, target=self.target):
                self.add_error("role", _("您无权在此范围授予该角色。"))
        return cleaned

    @property
    def target(self):
        return next(self.cleaned_data[name] for name in SCOPE_FIELDS if self.cleaned_data.get(name))


class RoleGrantForm(_ScopeChoicesForm):
    class Meta:
        model = RoleGrant
        fields = ["user", "role", "region", "service_point", "university"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.user is not None:
            people = scope.people_visible_to(self.user, Action.MANAGE_DIRECTORY)
            self.fields["user"].queryset = User.objects.filter(person__in=people)


class RoleGrantRevokeForm(ScopedForm):
    revoke = forms.BooleanField(label=_("撤销此授权"), required=True)

    class Meta:
        model = RoleGrant
        fields = []


class InvitationForm(_ScopeChoicesForm):
    class Meta:
        model = Invitation
        fields = ["email", "person", "role", "region", "service_point", "university"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.user is not None:
            self.fields["person"].queryset = scope.people_visible_to(
                self.user, Action.MANAGE_DIRECTORY
            ).filter(user__isnull=True)
