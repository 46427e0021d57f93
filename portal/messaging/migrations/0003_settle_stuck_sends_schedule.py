from django.db import migrations

TASK = "portal.messaging.tasks.settle_stuck_sends"


def schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.get_or_create(
        func=TASK,
        defaults={"name": "Messaging: settle sends a stopped worker left behind", "schedule_type": "I", "minutes": 10},
    )


def unschedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(func=TASK).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("messaging", "0002_outbox_delivery_and_replies"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(schedule, unschedule)]
