"""The back office answers 404 for a page, image or document outside the editor's region.

Wagtail refuses an object the user has no rights on by redirecting to the admin's home with a
message; for pages and files of another region that still confirms they exist. This middleware
looks at the object ids of Wagtail's own admin URLs before the view runs and answers 404 when
the object lies outside what the user's groups reach (their region's page subtree, explorable
ancestors for the explorer only, their region's collections). Superusers pass untouched.
"""

from django.http import Http404
from wagtail.documents.permissions import permission_policy as document_policy
from wagtail.images.permissions import permission_policy as image_policy
from wagtail.permission_policies.pages import PagePermissionPolicy

PAGE_ACTIONS = {"add", "change", "publish", "lock", "unlock", "bulk_delete"}
FILE_ACTIONS = ["add", "change", "delete", "choose"]
PAGE_KWARGS = ("page_id", "parent_page_id", "page_to_move_id", "destination_id")


class AdminScopeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        match = request.resolver_match
        if not user.is_authenticated or user.is_superuser or match is None:
            return None
        namespaces = set(match.namespaces)
        if match.url_name in {"wagtailadmin_explore", "wagtailadmin_explore_results"}:
            _require(PagePermissionPolicy().explorable_instances(user), view_kwargs, PAGE_KWARGS)
        elif "wagtailadmin_pages" in namespaces:
            pages = PagePermissionPolicy().instances_user_has_any_permission_for(user, PAGE_ACTIONS)
            _require(pages, view_kwargs, PAGE_KWARGS)
        elif namespaces & {"wagtailimages", "wagtailimages_chooser"}:
            images = image_policy.instances_user_has_any_permission_for(user, FILE_ACTIONS)
            _require(images, view_kwargs, ("image_id", "pk"))
        elif namespaces & {"wagtaildocs", "wagtaildocs_chooser"}:
            documents = document_policy.instances_user_has_any_permission_for(user, FILE_ACTIONS)
            _require(documents, view_kwargs, ("document_id", "doc_id", "pk"))
        return None


def _require(allowed, view_kwargs, names) -> None:
    """404 unless every object id named in the URL is among `allowed`."""
    for name in names:
        value = view_kwargs.get(name)
        if value is None:
            continue
        if not str(value).isdigit() or not allowed.filter(pk=int(value)).exists():
            raise Http404
