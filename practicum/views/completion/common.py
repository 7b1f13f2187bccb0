"""Paging shared by the completion pages."""

from django.http import HttpRequest

from core.pagination import page_of

PAGE_SIZE = 20


def paginate(request: HttpRequest, rows):
    return page_of(request, rows, per_page=PAGE_SIZE)
