"""Paging shared by the completion pages."""

from django.core.paginator import Paginator
from django.http import HttpRequest

PAGE_SIZE = 20


def paginate(request: HttpRequest, rows):
    return Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
