from wagtail.images import get_image_model
from wagtail.models import CollectionViewRestriction


def view_restrictions_of(*, image_id: int) -> list[CollectionViewRestriction]:
    """The view restrictions of the image's collection and the collections above it (none for
    an image that does not exist: the serve view answers 404 for it)."""
    image = get_image_model().objects.filter(pk=image_id).select_related("collection").first()
    if image is None:
        return []
    return list(image.collection.get_view_restrictions().prefetch_related("groups"))
