"""The public image route: renditions of Wagtail images for the public pages."""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.cache import patch_cache_control
from django.utils.decorators import method_decorator
from wagtail.images.utils import verify_signature
from wagtail.images.views.serve import ServeView

from cms.selectors import images


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
