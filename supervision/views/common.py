"""Helpers shared by the supervision pages."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme

PAGE_SIZE = 50
MONTHS = range(1, 13)


def page_of(request: HttpRequest, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def choice_param(request: HttpRequest, name: str, choices) -> str:
    value = request.GET.get(name, "")
    return value if value in choices else ""


def back_url(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


def error_text(error: ValidationError) -> str:
    return " ".join(error.messages)
