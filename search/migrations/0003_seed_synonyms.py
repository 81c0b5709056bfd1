"""Seed the synonym list from search/data/synonyms.txt (staff edit it in the admin afterwards)."""

from django.db import migrations


def seed(apps, schema_editor):
    from search.text import read_synonym_file

    Synonym = apps.get_model("search", "Synonym")
    for phrase, expansions, two_way in read_synonym_file():
        Synonym.objects.update_or_create(
            phrase=phrase, defaults={"expansions": ", ".join(expansions), "two_way": two_way}
        )


def unseed(apps, schema_editor):
    apps.get_model("search", "Synonym").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]

    operations = [migrations.RunPython(seed, unseed)]
