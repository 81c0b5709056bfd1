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


@register.simple_tag
def category_guidance(category_slugs):
    """Guidance links for the categories a catalogue search is filtered by, e.g.
    `{% category_guidance query.filters.category as links %}` on /cari/?category=atk."""
    from cms.selectors import guidance_for_category_slugs

    return guidance_for_category_slugs(category_slugs)
