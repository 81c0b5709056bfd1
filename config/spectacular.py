"""drf-spectacular hooks."""


def only_public_api(endpoints):
    """Document our versioned API (/api/v1/) only.

    Wagtail's admin API (/admin/api/) and its headless page API (/api/v2/) are Wagtail's to
    describe, not ours.
    """
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
