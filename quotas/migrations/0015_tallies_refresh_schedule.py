import datetime as dt
import zoneinfo

from django.db import migrations
from django.utils import timezone

NAME = "quotas.tallies_refresh_all"
AT = dt.time(1, 30)  # Asia/Shanghai: after midnight, before anyone reads a dashboard


def create_schedule(apps, schema_editor):
    shanghai = zoneinfo.ZoneInfo("Asia/Shanghai")
    tomorrow = timezone.now().astimezone(shanghai).date() + dt.timedelta(days=1)
    apps.get_model("django_q", "Schedule").objects.get_or_create(
        name=NAME,
        defaults={
            "func": "quotas.tasks.tallies_refresh_all",
            "schedule_type": "D",
            "next_run": dt.datetime.combine(tomorrow, AT, tzinfo=shanghai),
        },
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("quotas", "0014_station_and_region_tallies"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
