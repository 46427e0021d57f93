from django.db import migrations

TASK = "fgdm.tasks.retention"


def schedule_retention(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.get_or_create(
        func=TASK, defaults={"name": "Retention: anonymise closed cases past the period", "schedule_type": "D"}
    )


def unschedule_retention(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(func=TASK).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("fgdm", "0003_outcomes_and_holds"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(schedule_retention, unschedule_retention)]
