"""One login throttle for every login form.

django-allauth already rate-limits its own login (/akun/login/), sign-up and password reset
(ACCOUNT_RATE_LIMITS, counted in the Django cache). The Wagtail admin login (/admin/login/),
the buyer login (/belanja/masuk/) and Wagtail's password reset use the forms below, which go
through the same allauth machinery: the same "login_failed" counters (per client IP and per
login name), the same "reset_password" counters, the same rates and the same Indonesian
message. See docs/decisions/0017-one-login-one-throttle.md.
"""

from allauth.account.adapter import get_adapter
from allauth.core import context, ratelimit
from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm, PasswordResetForm


class ThrottledLoginMixin:
    """AuthenticationForm.clean(), authenticating through allauth's adapter.

    The adapter counts the attempt before checking the password (so a correct password does
    not get through once the limit is reached), takes it back on success, and raises
    ValidationError("Terlalu banyak percobaan masuk yang gagal. Coba lagi nanti.") when the
    limit is reached.
    """

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is not None and password:
            self.user_cache = get_adapter(self.request).authenticate(
                self.request, username=username, password=password
            )
            if self.user_cache is None:
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data


class ThrottledAuthenticationForm(ThrottledLoginMixin, AuthenticationForm):
    """The buyer login (/belanja/masuk/)."""


class ThrottledWagtailLoginForm(ThrottledLoginMixin, LoginForm):
    """The Wagtail admin login (WAGTAILADMIN_USER_LOGIN_FORM)."""


class ThrottledWagtailPasswordResetForm(PasswordResetForm):
    """Wagtail's "forgot password" (WAGTAILADMIN_USER_PASSWORD_RESET_FORM): counted with
    allauth's "reset_password" rate (per IP and per address), like /akun/password/reset/."""

    def clean_email(self):
        email = self.cleaned_data["email"]
        request = context.request
        if not ratelimit.consume(request, action="reset_password", key=email.lower()):
            raise forms.ValidationError(
                _("Terlalu banyak permintaan atur ulang kata sandi. Coba lagi nanti."),
                code="too_many_requests",
            )
        return email
