"""Back office for the CMS snippets (topics, guidance per catalogue category)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import CategoryGuidance, Topic


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topik panduan")
    list_display = ["name", "slug", "description"]
    search_fields = ["name"]


class CategoryGuidanceViewSet(SnippetViewSet):
    model = CategoryGuidance
    icon = "link"
    menu_label = _("Panduan per kategori")
    list_display = ["category", "page", "label"]
    list_filter = ["category"]


class GuidanceSnippetGroup(SnippetViewSetGroup):
    items = (TopicViewSet, CategoryGuidanceViewSet)
    menu_icon = "help"
    menu_label = _("Panduan")
    menu_name = "panduan"


register_snippet(GuidanceSnippetGroup)
