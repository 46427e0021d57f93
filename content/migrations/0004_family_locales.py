from django.conf import settings
from django.db import migrations


def create_locales(apps, schema_editor):
    """One Wagtail locale per language families may choose, so each has its own page tree."""
    Locale = apps.get_model("wagtailcore.Locale")
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


class Migration(migrations.Migration):
    dependencies = [("content", "0003_guides_glossary")]

    operations = [migrations.RunPython(create_locales, migrations.RunPython.noop)]
