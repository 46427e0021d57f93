from django.db import migrations

TASK = "fgdm.tasks.review_reminders"


def schedule(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.get_or_create(
        func=TASK, defaults={"name": "Reviews: remind coordinators of plans due for review", "schedule_type": "D"}
    )


def unschedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(func=TASK).delete()


class Migration(migrations.Migration):
    dependencies = [("fgdm", "0007_reply_interpreter_need")]

    operations = [migrations.RunPython(schedule, unschedule)]
