from django.db import migrations, models

OLD_TASK = "portal.messaging.tasks.settle_stuck_sends"
SWEEP = "portal.messaging.tasks.sweep"


def schedule(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.filter(func=OLD_TASK).delete()
    Schedule.objects.get_or_create(
        func=SWEEP,
        defaults={
            "name": "Messaging: send what no job picked up, settle what a stopped worker left",
            "schedule_type": "I",
            "minutes": 1,
        },
    )


def unschedule(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.filter(func=SWEEP).delete()
    Schedule.objects.get_or_create(
        func=OLD_TASK,
        defaults={"name": "Messaging: settle sends a stopped worker left behind", "schedule_type": "I", "minutes": 10},
    )


class Migration(migrations.Migration):
    dependencies = [("messaging", "0003_settle_stuck_sends_schedule")]

    operations = [
        migrations.AddField(
            model_name="outboundmessage",
            name="sealed_body",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunPython(schedule, unschedule),
    ]
