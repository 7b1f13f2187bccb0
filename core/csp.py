"""The content-security policy: strict for the portal, looser for the back office.

Portal pages carry `CONTENT_SECURITY_POLICY` (django-csp): scripts and styles from our own origin
only, no inline script or style. Wagtail's admin and Django's admin still render inline scripts
and styles, so paths under `BACK_OFFICE_CONTENT_SECURITY_POLICY["URL_PREFIXES"]` get that policy
instead; a view's own csp decorators still win over both.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase


def is_back_office(path: str) -> bool:
    """Whether `path` belongs to Wagtail's or Django's admin."""
    prefixes = settings.BACK_OFFICE_CONTENT_SECURITY_POLICY["URL_PREFIXES"]
    return path.startswith(tuple(prefixes))


class PortalCSPMiddleware(CSPMiddleware):
    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and is_back_office(request.path_info):
            directives = settings.BACK_OFFICE_CONTENT_SECURITY_POLICY["DIRECTIVES"]
            parts.config = default_config(directives)
        return parts
