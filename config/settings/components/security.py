"""Content-Security-Policy (django-csp 4.x), enforced in every environment so the browser tests
see the same policy production sends. See docs/decisions/0016-content-security-policy.md.

The public site, vendor pages (/usaha/, /penyedia/) and buyer pages (/belanja/) get the strict
policy below: scripts and styles only from our own origin, nothing inline. The Wagtail admin
(/admin/) still needs inline scripts and styles, so config.csp.CSPMiddleware *replaces* a few
directives for paths under CSP_RELAXED_PATH_PREFIXES with CSP_RELAXED_DIRECTIVES. That is the
one place the policy is relaxed.
"""

from csp.constants import NONE, SELF, UNSAFE_INLINE

from .env import env

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # data: for the small SVG icons Wagtail's userbar draws for logged-in editors.
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}

# Wagtail 8's admin still renders inline <script> (json_script config is fine, but widgets and
# listings add inline handlers) and inline styles; its page preview is an iframe of our own
# origin. Everything else stays as above (object-src 'none', base-uri, form-action).
CSP_RELAXED_PATH_PREFIXES = ("/admin/",)
CSP_RELAXED_DIRECTIVES = {
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "frame-src": [SELF],
    "frame-ancestors": [SELF],
}

# No avatars from gravatar.com in the admin: staff email hashes stay here and the admin policy
# needs no third-party image host. Wagtail shows its default avatar instead.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# One login throttle (docs/decisions/0017-one-login-one-throttle.md): the Wagtail admin login
# and its password reset count in django-allauth's rate limits, like /akun/ and /belanja/masuk/.
WAGTAILADMIN_USER_LOGIN_FORM = "config.login_throttle.ThrottledWagtailLoginForm"
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "config.login_throttle.ThrottledWagtailPasswordResetForm"
# Behind N reverse proxies set TRUSTED_PROXY_COUNT=N: the throttles then count the client's
# address from X-Forwarded-For, not the proxy's (else every visitor shares one counter).
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
