"""drf-spectacular hooks."""


def only_public_api(endpoints):
    """Keep our /api/ routes in the schema; Wagtail's admin API is not ours to document."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/")]
