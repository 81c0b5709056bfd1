"""Back office: UKPBJ staff edit the synonym list in the Wagtail admin."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Synonym


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "list-ul"
    menu_label = _("Sinonim pencarian")
    menu_order = 900
    add_to_admin_menu = True
    list_display = ["phrase", "expansions", "two_way", "updated_at"]
    search_fields = ["phrase", "expansions"]
    ordering = ["phrase"]


register_snippet(SynonymViewSet)
