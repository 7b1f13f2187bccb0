"""Where an import page was reached: the Wagtail admin or the site.

The importer's URLs are one application namespace ("imports") mounted twice: the admin's
instance "imports" (the default) and the site's "imports_site". Pages extend the frame of the
mount they were reached through; `{% url 'imports:…' %}` in their templates already resolves
in the current instance (Django reads it from the request), and redirects here do the same.
"""

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render as render_page
from django.urls import reverse

ADMIN = "imports"
SITE = "imports_site"
LAYOUTS = {ADMIN: "imports/layouts/admin.html", SITE: "imports/layouts/site.html"}


def mount(request: HttpRequest) -> str:
    """The instance namespace the request came through; the admin's when unknown."""
    match = request.resolver_match
    return SITE if match is not None and match.namespace == SITE else ADMIN


def render(
    request: HttpRequest, template: str, context: dict, *, status: int = 200
) -> HttpResponse:
    here = mount(request)
    frame = {"layout": LAYOUTS[here], "in_admin": here == ADMIN}
    return render_page(request, template, context | frame, status=status)


def redirect(request: HttpRequest, name: str, *args) -> HttpResponseRedirect:
    """To the importer's page `name` in the mount the request came through."""
    return HttpResponseRedirect(reverse(f"imports:{name}", args=args, current_app=mount(request)))
