"""Wagtail admin view sets limited to the user's scope.

Wagtail's `get_queryset` on a view set filters only its listing (wagtail/wagtail#10746), so the
view set wraps every view it builds (edit, inspect, delete, history, usage, ... and any Wagtail
adds): a pk in the URL outside the user's scope is a 404 before the view runs, and the
permission policy answers 403 for an action the user's role does not permit.
"""

from collections.abc import Callable

from django.contrib.admin.utils import unquote
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils.encoding import force_str
from django.views import View
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy

from accounts import scope
from accounts.models import User
from accounts.roles import Action

Visible = Callable[[User, Action], QuerySet]


class ScopedPermissionPolicy(BasePermissionPolicy):
    """Every action on the model needs `action` from a grant that covers the object.

    Deleting is never offered: records here are history (positions, people) or referenced by it.
    """

    def __init__(
        self, model, *, action: Action, visible: Visible, forbidden: frozenset[str] = frozenset()
    ):
        super().__init__(model)
        self.action = action
        self.visible = visible
        self.forbidden = forbidden | {"delete"}

    def user_has_permission(self, user, action):
        return action not in self.forbidden and scope.may_anywhere(user, self.action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        if action in self.forbidden:
            return False
        return scope.role_allows(user=user, action=self.action, obj=instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)

    def instances_user_has_permission_for(self, user, action):
        if action in self.forbidden:
            return self.model._default_manager.none()
        return self.visible(user, self.action)

    def instances_user_has_any_permission_for(self, user, actions):
        return self.instances_user_has_permission_for(user, actions[0])


class ScopedViewMixin:
    """A pk in the URL must name an object inside the user's scope, else 404.

    Checked in `setup`, before the view loads anything, so it holds for every object view
    whichever way the view then fetches its object.
    """

    permission_policy: ScopedPermissionPolicy | None = None

    def setup(self, request, *args, **kwargs):
        pk = kwargs.get(getattr(self, "pk_url_kwarg", "pk"))
        if pk is not None:
            policy = self.permission_policy
            visible = policy.visible(request.user, policy.action)
            if not visible.filter(pk=unquote(str(pk))).exists():
                raise Http404
        super().setup(request, *args, **kwargs)


class ScopedListingMixin:
    """A listing (and its CSV/XLSX export) starts from the user's scope."""

    select_related: tuple[str, ...] = ()

    def get_base_queryset(self):
        policy = self.permission_policy
        visible = policy.visible(self.request.user, policy.action)
        return visible.select_related(*self.select_related) if self.select_related else visible


def scoped_view_class(view_class: type[View]) -> type[View]:
    """`view_class` with the scope checks mixed in (listings also get a scoped queryset)."""
    if issubclass(view_class, ScopedViewMixin):
        return view_class
    mixins = (ScopedViewMixin,)
    if issubclass(view_class, generic.IndexView):
        mixins = (ScopedListingMixin, *mixins)
    return type(f"Scoped{view_class.__name__}", (*mixins, view_class), {})


def export_choice_labels(model: type[Model], fields) -> dict:
    """Exported choice fields show their label (乡镇/街道社工站), not the stored value."""
    preprocess = {}
    for name in fields if isinstance(fields, list | tuple) else ():
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if field.choices:
            labels = dict(field.flatchoices)

            def label(value, labels=labels):
                return force_str(labels.get(value, value))

            preprocess[name] = {
                generic.IndexView.FORMAT_CSV: label,
                generic.IndexView.FORMAT_XLSX: label,
            }
    return preprocess


class ScopedModelViewSet(ModelViewSet):
    """A ModelViewSet whose listing, forms and object pages all follow `accounts.scope`."""

    scope_action: Action = Action.MANAGE_DIRECTORY
    visible: Visible
    forbidden_actions: frozenset[str] = frozenset()
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = True
    form_class: type[WagtailAdminModelForm]
    update_form_class: type[WagtailAdminModelForm] | None = None
    list_select_related: tuple[str, ...] = ()

    def construct_view(self, view_class, **kwargs):
        """Every view of the set is built here, so one that Wagtail adds later is scoped too."""
        return super().construct_view(scoped_view_class(view_class), **kwargs)

    def get_form_class(self, for_update=False):
        return self.update_form_class if for_update and self.update_form_class else self.form_class

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            select_related=self.list_select_related,
            custom_field_preprocess=export_choice_labels(self.model, self.list_export),
            **kwargs,
        )

    @property
    def permission_policy(self):
        return ScopedPermissionPolicy(
            self.model,
            action=self.scope_action,
            visible=type(self).visible,
            forbidden=self.forbidden_actions,
        )


class ScopedForm(WagtailAdminModelForm):
    """Limits each foreign-key field's choices to what the user may manage.

    `scoped_choices` maps a field name to a `*_visible_to(user, action)` function.
    """

    scoped_choices: dict[str, Visible] = {}

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.user = for_user
        for name, visible in self.scoped_choices.items():
            if name in self.fields and for_user is not None:
                self.fields[name].queryset = visible(for_user, Action.MANAGE_DIRECTORY)
