"""Back office for role grants and invitations, limited to the administrator's scope."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup

from accounts import scope, services
from accounts.admin_panels import WaitingPanel
from accounts.backoffice import ScopedModelViewSet
from accounts.forms_backoffice import InvitationForm, RoleGrantForm, RoleGrantRevokeForm
from accounts.models import Invitation, RoleGrant
from accounts.roles import Action


class RoleGrantCreateView(generic.CreateView):
    def save_instance(self):
        return services.role_grant_create(
            user=self.form.cleaned_data["user"],
            role=self.form.cleaned_data["role"],
            target=self.form.target,
            granted_by=self.request.user,
        )


class RoleGrantRevokeView(generic.EditView):
    def save_instance(self):
        return services.role_grant_revoke(grant=self.object, revoked_by=self.request.user)


class RoleGrantViewSet(ScopedModelViewSet):
    model = RoleGrant
    visible = staticmethod(scope.grants_visible_to)
    scope_action = Action.MANAGE_GRANTS
    icon = "key"
    list_select_related = ("user", "region", "service_point", "university")
    form_class = RoleGrantForm
    update_form_class = RoleGrantRevokeForm
    add_view_class = RoleGrantCreateView
    edit_view_class = RoleGrantRevokeView
    list_display = ["user", "role", "scope", "granted_at", "revoked_at"]
    list_export = ["user", "role", "scope", "granted_at", "revoked_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "user__last_name"]


class InvitationCreateView(generic.CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return services.invitation_create(
            email=data["email"],
            role=data["role"],
            target=self.form.target,
            created_by=self.request.user,
            person=data.get("person"),
        )


class InvitationViewSet(ScopedModelViewSet):
    model = Invitation
    visible = staticmethod(scope.invitations_visible_to)
    scope_action = Action.MANAGE_GRANTS
    forbidden_actions = frozenset({"change"})
    icon = "mail"
    add_view_class = InvitationCreateView
    list_display = ["email", "role", "created_at", "expires_at", "accepted_at"]
    inspect_view_fields = [
        "email",
        "person",
        "role",
        "region",
        "service_point",
        "university",
        "created_by",
        "created_at",
        "expires_at",
        "accepted_at",
    ]
    list_export = ["email", "role", "created_at", "expires_at", "accepted_at"]
    search_fields = ["email"]
    form_class = InvitationForm


class AccountsGroup(ViewSetGroup):
    menu_label = _("账号与授权")
    menu_icon = "key"
    menu_order = 210
    items = (RoleGrantViewSet("role_grants"), InvitationViewSet("invitations"))


@hooks.register("register_admin_viewset")
def register_accounts_viewsets():
    return AccountsGroup()


@hooks.register("construct_homepage_panels")
def add_waiting_panel(request, panels):
    panels.append(WaitingPanel(request.user))
