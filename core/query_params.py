"""Reading free text from a query string (search boxes, codes typed into a form sent by GET)."""

from django.http import HttpRequest


def query_text(request: HttpRequest, name: str = "q") -> str:
    """The text of query parameter `name`, trimmed, without NUL bytes: nobody types one, and
    PostgreSQL refuses them in text, so a crafted link would otherwise be a 500."""
    return request.GET.get(name, "").replace("\x00", "").strip()
