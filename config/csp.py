"""django-csp's middleware with one addition: a relaxed policy for the Wagtail admin.

Requests whose path starts with one of settings.CSP_RELAXED_PATH_PREFIXES get
settings.CSP_RELAXED_DIRECTIVES in place of the same directives of CONTENT_SECURITY_POLICY
(django-csp's "replace" mechanism, the same one its @csp_replace decorator uses). A view that
sets its own replace with the decorators keeps it.

Wagtail renders a page preview by running a dummy request for the page's public URL through
the whole middleware stack, so the preview gets the strict public policy (good: it checks our
templates) except frame-ancestors, which must let the admin's preview panel frame it.
"""

from csp.constants import SELF
from csp.middleware import CSPMiddleware as BaseCSPMiddleware
from csp.middleware import PolicyParts
from django.conf import settings


class CSPMiddleware(BaseCSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or parts.replace is not None:
            return parts
        prefixes = tuple(getattr(settings, "CSP_RELAXED_PATH_PREFIXES", ()))
        if prefixes and request.path_info.startswith(prefixes):
            parts.replace = settings.CSP_RELAXED_DIRECTIVES
        elif getattr(request, "is_preview", False):
            parts.replace = {"frame-ancestors": [SELF]}
        return parts
