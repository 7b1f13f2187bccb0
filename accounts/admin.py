from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from accounts.models import Invitation, RoleGrant, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "last_name", "first_name", "is_active", "is_superuser"]
    search_fields = ["email", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("姓名", {"fields": ["last_name", "first_name"]}),
        ("权限", {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
    ]
    add_fieldsets = [(None, {"fields": ["email", "password1", "password2"]})]


@admin.register(RoleGrant)
class RoleGrantAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "region", "service_point", "university", "revoked_at"]
    list_filter = ["role"]
    raw_id_fields = ["user", "region", "service_point", "university", "granted_by"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "role", "created_at", "expires_at", "accepted_at"]
