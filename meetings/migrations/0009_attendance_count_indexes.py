"""Indexes the meetings list counts each meeting's answers and attendances of one kind from (meetings.selectors._count)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("meetings", "0008_municipalities_2026")]

    operations = [
        migrations.AddIndex(
            model_name="attendanceanswer",
            index=models.Index(fields=["meeting", "answer"], name="answer_meeting_kind_idx"),
        ),
        migrations.AddIndex(
            model_name="attendancerecord",
            index=models.Index(fields=["meeting", "mode"], name="attendance_meeting_mode_idx"),
        ),
    ]
