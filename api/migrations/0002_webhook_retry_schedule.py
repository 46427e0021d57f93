from django.db import migrations

TASK = "api.tasks.retry_due_webhooks"


def schedule_retries(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.get_or_create(
        func=TASK,
        defaults={"name": "Webhooks: send again the deliveries whose next attempt is due", "schedule_type": "I", "minutes": 1},
    )


def unschedule_retries(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(func=TASK).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("api", "0001_api_clients_webhooks"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(schedule_retries, unschedule_retries)]
