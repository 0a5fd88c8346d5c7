"""The action day and the travel claims moved to apps of their own (issue 13)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('meetings', '0004_claim_people_verbose_names'),
        ('actionday', '0001_initial'),
        ('claims', '0001_initial'),
    ]

    # The action day and the travel claims are apps of their own now (actionday, claims): their 0001 took over these
    # models and tables, so they leave this app's state only; no table is touched.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='travelclaim',
                    name='action_day',
                ),
                migrations.RemoveField(
                    model_name='registration',
                    name='action_day',
                ),
                migrations.RemoveField(
                    model_name='programmeitem',
                    name='action_day',
                ),
                migrations.RemoveField(
                    model_name='costline',
                    name='action_day',
                ),
                migrations.DeleteModel(
                    name='Budget',
                ),
                migrations.RemoveField(
                    model_name='claimevent',
                    name='actor',
                ),
                migrations.RemoveField(
                    model_name='claimevent',
                    name='claim',
                ),
                migrations.RemoveField(
                    model_name='claimline',
                    name='claim',
                ),
                migrations.RemoveField(
                    model_name='receipt',
                    name='line',
                ),
                migrations.RemoveField(
                    model_name='paymentbatch',
                    name='created_by',
                ),
                migrations.RemoveField(
                    model_name='travelclaim',
                    name='batch',
                ),
                migrations.RemoveField(
                    model_name='programmeitem',
                    name='presenters',
                ),
                migrations.RemoveField(
                    model_name='registration',
                    name='member',
                ),
                migrations.RemoveField(
                    model_name='travelclaim',
                    name='approved_by',
                ),
                migrations.RemoveField(
                    model_name='travelclaim',
                    name='meeting',
                ),
                migrations.RemoveField(
                    model_name='travelclaim',
                    name='member',
                ),
                migrations.RemoveField(
                    model_name='travelclaim',
                    name='paid_by',
                ),
                migrations.RemoveField(
                    model_name='travelclaim',
                    name='rates',
                ),
                migrations.DeleteModel(
                    name='ActionDay',
                ),
                migrations.DeleteModel(
                    name='CostLine',
                ),
                migrations.DeleteModel(
                    name='ClaimEvent',
                ),
                migrations.DeleteModel(
                    name='ClaimLine',
                ),
                migrations.DeleteModel(
                    name='Receipt',
                ),
                migrations.DeleteModel(
                    name='PaymentBatch',
                ),
                migrations.DeleteModel(
                    name='ProgrammeItem',
                ),
                migrations.DeleteModel(
                    name='Registration',
                ),
                migrations.DeleteModel(
                    name='TravelClaim',
                ),
                migrations.DeleteModel(
                    name='TravelRate',
                ),
            ],
            database_operations=[],
        ),
    ]
