"""One page of a list: the `page` parameter read once, anything odd giving the nearest page."""

from django.core.paginator import Page, Paginator
from django.http import HttpRequest


def page_of(request: HttpRequest, rows, *, per_page: int) -> Page:
    """The requested page of `rows` (first page for a missing or bad number, last page for one
    past the end), so no page number from a request is ever a 500."""
    return Paginator(rows, per_page).get_page(request.GET.get("page"))
