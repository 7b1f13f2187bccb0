"""Back office for regions, service points, agencies, universities, people and positions."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.log_actions import log

from accounts import scope
from accounts.backoffice import ScopedModelViewSet
from directory import forms, services
from directory.models import Agency, Person, Position, Region, ServicePoint, University
from directory.record_viewsets import RECORD_VIEWSETS


class RegionCreateView(generic.CreateView):
    def save_instance(self):
        region = self.form.instance
        parent = region._parent
        region = parent.add_child(instance=region) if parent else Region.add_root(instance=region)
        log(instance=region, action="wagtail.create", content_changed=True)
        return region


class ServicePointCreateView(generic.CreateView):
    def save_instance(self):
        point = services.service_point_save(
            service_point=self.form.instance, saved_by=self.request.user
        )
        log(instance=point, action="wagtail.create", content_changed=True)
        return point


class ServicePointEditView(generic.EditView):
    def save_instance(self):
        self.has_content_changes = self.form.has_changed()
        point = services.service_point_save(
            service_point=self.form.instance, saved_by=self.request.user
        )
        log(instance=point, action="wagtail.edit", content_changed=self.has_content_changes)
        return point


class RegionViewSet(ScopedModelViewSet):
    model = Region
    visible = staticmethod(scope.regions_visible_to)
    icon = "site"
    menu_label = _("行政区域")
    add_view_class = RegionCreateView
    list_display = ["name", "code", "level"]
    list_export = ["name", "code", "level"]
    list_filter = ["level"]
    search_fields = ["name", "code"]
    form_class = forms.RegionForm


class AgencyViewSet(ScopedModelViewSet):
    model = Agency
    visible = staticmethod(scope.agencies_visible_to)
    icon = "group"
    list_display = ["name", "credit_code", "rating", "region"]
    list_export = ["name", "credit_code", "rating", "region"]
    search_fields = ["name", "credit_code"]
    form_class = forms.AgencyForm


class UniversityViewSet(ScopedModelViewSet):
    model = University
    visible = staticmethod(scope.universities_visible_to)
    icon = "openquote"
    list_display = ["name", "region"]
    list_export = ["name", "region"]
    search_fields = ["name"]
    form_class = forms.UniversityForm


class ServicePointViewSet(ScopedModelViewSet):
    model = ServicePoint
    visible = staticmethod(scope.service_points_visible_to)
    icon = "home"
    add_view_class = ServicePointCreateView
    edit_view_class = ServicePointEditView
    list_select_related = ("region", "agency")
    list_display = [
        "code",
        "name",
        "kind",
        "region",
        "star_rating",
        BooleanColumn("is_demonstration", label=_("示范型")),
    ]
    list_export = ["code", "name", "kind", "region", "agency", "star_rating"]
    list_filter = ["kind", "star_rating", "is_demonstration"]
    search_fields = ["name", "code"]
    form_class = forms.ServicePointForm


class PersonInspectView(generic.InspectView):
    """Numbers masked here too: full numbers are revealed, with a reason, only on the portal's
    person page, where each reveal is audited."""

    def get_id_number_display_value(self):
        return self.object.id_number_masked

    def get_mobile_display_value(self):
        return self.object.mobile_masked or "—"


class PersonViewSet(ScopedModelViewSet):
    model = Person
    visible = staticmethod(scope.people_visible_to)
    icon = "user"
    list_select_related = ("region",)
    list_display = [
        "name",
        "gender",
        Column("id_number_masked", label=_("身份证号")),
        Column("mobile_masked", label=_("手机号")),
        "education",
        "region",
    ]
    list_export = ["name", "gender", "id_number_masked", "mobile_masked", "education", "region"]
    export_headings = {"id_number_masked": _("身份证号"), "mobile_masked": _("手机号")}
    list_filter = ["education", "social_work_major", "gender"]
    search_fields = ["name"]
    inspect_view_fields = [
        "name",
        "gender",
        "born_on",
        "id_number",
        "mobile",
        "education",
        "social_work_major",
        "region",
    ]
    form_class = forms.PersonForm
    inspect_view_class = PersonInspectView


class PositionViewSet(ScopedModelViewSet):
    model = Position
    visible = staticmethod(scope.positions_visible_to)
    icon = "date"
    list_select_related = ("person", "service_point")
    list_display = ["person", "service_point", "role", "full_time", "starts_on", "ends_on"]
    list_export = ["person", "service_point", "role", "starts_on", "ends_on"]
    list_filter = ["role", "full_time"]
    search_fields = ["person__name", "service_point__name"]
    form_class = forms.PositionForm
    update_form_class = forms.PositionEndForm


class DirectoryGroup(ViewSetGroup):
    menu_label = _("组织与人员")
    menu_icon = "group"
    menu_order = 200
    items = (
        RegionViewSet("regions"),
        ServicePointViewSet("service_points"),
        AgencyViewSet("agencies"),
        UniversityViewSet("universities"),
        PersonViewSet("people"),
        PositionViewSet("positions"),
        *RECORD_VIEWSETS,
    )


@hooks.register("register_admin_viewset")
def register_directory_viewsets():
    return DirectoryGroup()
