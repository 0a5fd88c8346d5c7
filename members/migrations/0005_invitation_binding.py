"""Invitations are bound to the address (and any account) they were sent to.

An open invitation sent before this has no address yet, so its link stops working: the chair sends it again. Its
address is not filled in from the member's, which may have been changed since the invitation was sent.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("members", "0004_drop_unused_cache_table"),
    ]

    operations = [
        migrations.AddField(
            model_name='invitation',
            name='email',
            field=models.EmailField(blank=True, editable=False, max_length=254, verbose_name='sent to'),
        ),
        migrations.AddField(
            model_name='invitation',
            name='user',
            field=models.ForeignKey(blank=True, editable=False, help_text='The account that existed for the address when the invitation was sent; its owner must log in.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='existing account'),
        ),
    ]
