"""API throttles beyond DRF's anonymous one."""

from rest_framework.settings import api_settings
from rest_framework.throttling import UserRateThrottle


class UserWriteRateThrottle(UserRateThrottle):
    """Writes (POST, PUT, PATCH, DELETE) by a logged-in user or token, per user.

    Reads stay unthrottled for signed-in users (buyers page through the catalogue); anonymous
    requests are limited by AnonRateThrottle. The rate is read on each request, so a changed
    REST_FRAMEWORK setting applies without a restart of the class.
    """

    scope = "user_write"

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def allow_request(self, request, view):
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return True
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)
