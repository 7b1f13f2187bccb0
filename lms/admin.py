from django.contrib import admin

from lms.models import (
    Course,
    CourseMaterial,
    CourseRun,
    Enrolment,
    ExternalTraining,
    HourEntry,
    TrainingSession,
)


class MaterialInline(admin.TabularInline):
    model = CourseMaterial
    extra = 0


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "providing_level", "region"]
    list_filter = ["kind", "providing_level"]
    search_fields = ["title"]
    raw_id_fields = ["organiser_region", "organiser_service_point", "organiser_provider", "region"]
    filter_horizontal = ["audience_regions"]
    inlines = [MaterialInline]


class SessionInline(admin.TabularInline):
    model = TrainingSession
    extra = 0


@admin.register(CourseRun)
class CourseRunAdmin(admin.ModelAdmin):
    list_display = ["course", "name", "starts_on", "capacity", "enrolment_mode"]
    raw_id_fields = ["course", "trainers"]
    inlines = [SessionInline]


@admin.register(Enrolment)
class EnrolmentAdmin(admin.ModelAdmin):
    list_display = ["person", "run", "status", "waitlist_position"]
    list_filter = ["status"]
    raw_id_fields = ["run", "person", "created_by", "decided_by"]


@admin.register(ExternalTraining)
class ExternalTrainingAdmin(admin.ModelAdmin):
    list_display = ["title", "person", "minutes", "status"]
    list_filter = ["status"]
    raw_id_fields = ["person", "decided_by"]


@admin.register(HourEntry)
class HourEntryAdmin(admin.ModelAdmin):
    """Read-only: the ledger is append-only; corrections are reversing rows (lms pages)."""

    list_display = ["person", "on", "minutes", "kind", "providing_level", "source", "reverses"]
    list_filter = ["source", "kind", "providing_level"]
    list_select_related = ["person"]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
