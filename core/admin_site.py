from django.contrib.admin import AdminSite


class SuperuserAdminSite(AdminSite):
    site_header = "社工站平台 · 系统管理"

    def has_permission(self, request) -> bool:
        return request.user.is_active and request.user.is_superuser
