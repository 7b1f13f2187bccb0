"""Back office for the directory's dated records that regional targets read (R2, R25): star
ratings from reviews, villages covered, counties recognised, volunteer counts. Reviews and
recognitions are records of a decision: added, never edited or deleted here."""

from wagtail.admin.views import generic
from wagtail.log_actions import log

from accounts import scope
from accounts.backoffice import ScopedModelViewSet
from directory import forms, services
from directory.models import CountyRecognition, Coverage, StarRating, VolunteerCount


class StarRatingCreateView(generic.CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        rating = services.star_rating_record(
            service_point=data["service_point"],
            stars=data["stars"],
            rated_on=data["rated_on"],
            guide=data["guide"],
            recorded_by=self.request.user,
        )
        log(instance=rating, action="wagtail.create", content_changed=True)
        return rating


class StarRatingViewSet(ScopedModelViewSet):
    model = StarRating
    visible = staticmethod(scope.star_ratings_visible_to)
    forbidden_actions = frozenset({"change"})
    icon = "pick"
    add_view_class = StarRatingCreateView
    list_select_related = ("service_point",)
    list_display = ["service_point", "stars", "rated_on", "guide"]
    list_export = ["service_point", "stars", "rated_on", "guide"]
    list_filter = ["stars"]
    search_fields = ["service_point__name"]
    form_class = forms.StarRatingForm


class CoverageViewSet(ScopedModelViewSet):
    model = Coverage
    visible = staticmethod(scope.coverages_visible_to)
    icon = "site"
    list_select_related = ("region", "service_point")
    list_display = ["region", "service_point", "covered_from"]
    list_export = ["region", "service_point", "covered_from"]
    search_fields = ["region__name", "service_point__name"]
    form_class = forms.CoverageForm


class CountyRecognitionViewSet(ScopedModelViewSet):
    model = CountyRecognition
    visible = staticmethod(scope.recognitions_visible_to)
    forbidden_actions = frozenset({"change"})
    icon = "success"
    list_select_related = ("region",)
    list_display = ["region", "year"]
    list_export = ["region", "year"]
    list_filter = ["year"]
    search_fields = ["region__name"]
    form_class = forms.CountyRecognitionForm


class VolunteerCountViewSet(ScopedModelViewSet):
    model = VolunteerCount
    visible = staticmethod(scope.volunteer_counts_visible_to)
    icon = "group"
    list_select_related = ("service_point",)
    list_display = ["service_point", "count", "counted_on"]
    list_export = ["service_point", "count", "counted_on"]
    search_fields = ["service_point__name"]
    form_class = forms.VolunteerCountForm


RECORD_VIEWSETS = (
    StarRatingViewSet("star_ratings"),
    CoverageViewSet("coverages"),
    CountyRecognitionViewSet("county_recognitions"),
    VolunteerCountViewSet("volunteer_counts"),
)
