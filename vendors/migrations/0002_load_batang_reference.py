from django.db import migrations


def load(apps, schema_editor):
    from vendors.reference import load_reference_data

    load_reference_data(apps.get_model("vendors", "Kecamatan"), apps.get_model("vendors", "Desa"))


class Migration(migrations.Migration):
    dependencies = [("vendors", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
