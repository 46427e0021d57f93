"""A reply's interpreter need is a choice (none, spoken, BSL), as on the member, not a magic language string."""

from django.db import migrations, models

BSL_WORDS = "British Sign Language"


def forwards(apps, schema_editor):
    Reply = apps.get_model("fgdm", "Reply")
    Reply.objects.filter(needs_interpreter=True, interpreter_language=BSL_WORDS).update(
        interpreter="bsl", interpreter_language=""
    )
    Reply.objects.filter(needs_interpreter=True, interpreter="").update(interpreter="spoken")


def backwards(apps, schema_editor):
    Reply = apps.get_model("fgdm", "Reply")
    Reply.objects.filter(interpreter="bsl").update(needs_interpreter=True, interpreter_language=BSL_WORDS)
    Reply.objects.filter(interpreter="spoken").update(needs_interpreter=True)


class Migration(migrations.Migration):
    dependencies = [("fgdm", "0006_contributions_from_people_not_at_the_meeting")]

    operations = [
        migrations.AddField(
            model_name="reply",
            name="interpreter",
            field=models.CharField(
                blank=True,
                choices=[
                    ("", "No interpreter needed"),
                    ("spoken", "Spoken language interpreter"),
                    ("bsl", "British Sign Language interpreter"),
                ],
                max_length=8,
            ),
        ),
        migrations.RunPython(forwards, backwards),
        migrations.RemoveField(model_name="reply", name="needs_interpreter"),
    ]
