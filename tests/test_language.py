import pytest

pytestmark = pytest.mark.django_db


def test_pages_are_indonesian_even_for_a_browser_set_to_english(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    assert '<html lang="id">' in response.content.decode()
    assert response["Content-Language"] == "id"


def test_numbers_use_indonesian_grouping_whatever_the_browser_says(rf):
    from django.contrib.humanize.templatetags.humanize import intcomma

    from config.middleware import ChosenLanguageMiddleware

    seen = {}

    def view(request):
        seen["figure"] = intcomma(1526)
        from django.http import HttpResponse

        return HttpResponse()

    ChosenLanguageMiddleware(view)(rf.get("/", HTTP_ACCEPT_LANGUAGE="en-US"))
    assert seen["figure"] == "1.526"


def test_english_only_by_explicit_choice(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/")
    assert '<html lang="en">' in response.content.decode()
