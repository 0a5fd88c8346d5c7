"""Registrations found by their address in any case (the member's own, made before she logged in) read by an index."""

import django.db.models.functions.text
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("actionday", "0006_municipalities_2026")]

    operations = [
        migrations.AddIndex(
            model_name="registration",
            index=models.Index(django.db.models.functions.text.Upper("email"), name="registration_email_upper_idx"),
        ),
    ]
