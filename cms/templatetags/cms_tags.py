from django import template
from django.urls import NoReverseMatch
from django.utils.http import urlencode

register = template.Library()


@register.filter
def category_url(category):
    """The category page when the catalogue has one; else the catalogue search filtered by it."""
    try:
        return category.get_absolute_url()
    except NoReverseMatch:
        return "/cari/?" + urlencode({"category": category.slug})
