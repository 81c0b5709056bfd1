"""Replace Wagtail's default welcome page with our HomePage at the root of the default site."""

from django.db import migrations


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("cms.HomePage")

    page_ct = ContentType.objects.get(model="page", app_label="wagtailcore")
    # Deleting the welcome page also deletes the Site that points at it.
    Page.objects.filter(content_type=page_ct, slug="home", depth=2).delete()

    homepage_ct, _ = ContentType.objects.get_or_create(model="homepage", app_label="cms")
    homepage = HomePage.objects.create(
        title="Direktori Penyedia Lokal Batang",
        draft_title="Direktori Penyedia Lokal Batang",
        slug="beranda",
        content_type=homepage_ct,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/beranda/",
        locale=Locale.objects.order_by("pk").first(),
        live=True,
    )
    Page.objects.filter(depth=1).update(numchild=1)
    Site.objects.create(
        hostname="localhost",
        port=80,
        site_name="Direktori Penyedia Lokal Batang",
        root_page_id=homepage.pk,
        is_default_site=True,
    )


def remove_homepage(apps, schema_editor):
    apps.get_model("cms.HomePage").objects.filter(slug="beranda", depth=2).delete()


class Migration(migrations.Migration):
    dependencies = [("cms", "0001_initial")]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
