"""The public routes of the site besides its pages: image renditions and the site search."""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_GET
from wagtail.images.utils import verify_signature
from wagtail.images.views.serve import ServeView
from wagtail.models import Site

from cms import search as words
from cms.selectors import images
from cms.selectors import search as selectors
from lms import selectors as lms_selectors

PAGES_PER_PAGE = 20
COURSES_PER_PAGE = 10


@method_decorator(login_not_required, name="dispatch")
class ImageServeView(ServeView):
    """Wagtail's signed rendition view (the signature stops anyone asking for other images or
    sizes), which by itself ignores collection view restrictions: an image in a restricted
    collection is a 404 unless the request passes every restriction, and is then not cached
    by shared caches."""

    def get(self, request, signature, image_id, filter_spec, filename=None):
        if not verify_signature(signature.encode(), image_id, filter_spec, key=self.key):
            raise PermissionDenied
        restrictions = images.view_restrictions_of(image_id=image_id)
        if not all(restriction.accept_request(request) for restriction in restrictions):
            raise Http404
        response = super().get(request, signature, image_id, filter_spec, filename)
        if restrictions:
            patch_cache_control(response, private=True)
        return response


@login_not_required
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """/search/?q=…: live public pages of the site, then courses open for enrolment, each group
    paginated (`page`, `courses`). A query with no word to look for (empty, only spaces or
    punctuation) shows the empty form."""
    query = request.GET.get("q", "")
    terms = words.query_terms(query)
    site = Site.find_for_request(request)
    context = {"query": query, "terms": terms}
    if terms and site is not None:
        found = selectors.pages_matching(root=site.root_page, terms=terms)
        pages = Paginator(found, PAGES_PER_PAGE).get_page(request.GET.get("page"))
        courses = lms_selectors.courses_open_matching(terms=terms, now=timezone.now())
        context.update(
            pages=pages,
            hits=selectors.page_hits(pages=list(pages.object_list), terms=terms),
            courses=Paginator(courses, COURSES_PER_PAGE).get_page(request.GET.get("courses")),
        )
    return render(request, "cms/search.html", context)
