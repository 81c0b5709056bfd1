from django.conf import settings


def site(request):
    """Site-wide template values: the demo-data notice."""
    return {"DEMO_DATA_NOTICE": settings.DEMO_DATA_NOTICE}
