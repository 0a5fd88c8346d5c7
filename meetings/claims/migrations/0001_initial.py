"""The travel claims' models, moved from the meetings app with their tables and rows."""

import digitutor.storage
import django.core.validators
import django.db.models.deletion
import meetings.claims.models
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('actionday', '0001_initial'),
        ('meetings', '0004_claim_people_verbose_names'),
        ('members', '0003_cache_tables'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    # The models lived in the meetings app until the house was rebuilt (issue 13): the tables exist already, so
    # this only tells Django's state where they are now; 0002 renames them for this app.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ClaimLine',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('car', 'Own car'), ('ticket', 'Public transport ticket'), ('parking', 'Parking'), ('other', 'Other cost')], max_length=10, verbose_name='kind')),
                        ('km', models.DecimalField(blank=True, decimal_places=1, max_digits=6, null=True, validators=[django.core.validators.MinValueValidator(Decimal('0.1')), django.core.validators.MaxValueValidator(2000)], verbose_name='kilometres')),
                        ('passengers', models.PositiveSmallIntegerField(default=0, validators=[django.core.validators.MaxValueValidator(8)], verbose_name='passengers')),
                        ('cost', models.DecimalField(blank=True, decimal_places=2, max_digits=10, null=True, validators=[django.core.validators.MinValueValidator(Decimal('0.01')), django.core.validators.MaxValueValidator(Decimal('5000'))], verbose_name='cost on the receipt (€)')),
                        ('explanation', models.CharField(blank=True, max_length=300, verbose_name='explanation')),
                        ('amount', models.DecimalField(decimal_places=2, default=Decimal('0.00'), editable=False, max_digits=10, verbose_name='amount (€)')),
                    ],
                    options={
                        'db_table': 'meetings_claimline',
                        'verbose_name': 'claim line',
                        'verbose_name_plural': 'claim lines',
                        'ordering': ['pk'],
                    },
                ),
                migrations.CreateModel(
                    name='TravelRate',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(unique=True, validators=[django.core.validators.MinValueValidator(2000), django.core.validators.MaxValueValidator(2100)], verbose_name='year')),
                        ('car_per_km', models.DecimalField(decimal_places=2, max_digits=5, verbose_name='own car, € per km')),
                        ('passenger_per_km', models.DecimalField(decimal_places=2, max_digits=5, verbose_name='supplement per passenger, € per km')),
                        ('partial_per_diem', models.DecimalField(decimal_places=2, max_digits=10, verbose_name='partial per diem (over 6 h), €')),
                        ('full_per_diem', models.DecimalField(decimal_places=2, max_digits=10, verbose_name='full per diem (over 10 h), €')),
                        ('meal_allowance', models.DecimalField(decimal_places=2, max_digits=10, verbose_name='meal allowance, €')),
                        ('source', models.CharField(help_text="The Tax Administration's decision.", max_length=300, verbose_name='source')),
                        ('note', models.TextField(blank=True, verbose_name='note')),
                    ],
                    options={
                        'db_table': 'meetings_travelrate',
                        'verbose_name': 'travel rates',
                        'verbose_name_plural': 'travel rates',
                        'ordering': ['-year'],
                    },
                ),
                migrations.CreateModel(
                    name='Budget',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(2000), django.core.validators.MaxValueValidator(2100)], verbose_name='year')),
                        ('source', models.CharField(choices=[('ake_grant', 'AKE grant for meeting travel'), ('turku_ake', 'Turku AKE for the action day')], max_length=10, verbose_name='funding source')),
                        ('granted', models.DecimalField(decimal_places=2, max_digits=10, validators=[django.core.validators.MinValueValidator(0)], verbose_name='granted (€)')),
                        ('note', models.TextField(blank=True, verbose_name='note')),
                    ],
                    options={
                        'db_table': 'meetings_budget',
                        'verbose_name': 'budget',
                        'verbose_name_plural': 'budgets',
                        'ordering': ['-year', 'source'],
                        'constraints': [models.UniqueConstraint(fields=('year', 'source'), name='one_budget_per_year_and_source')],
                    },
                ),
                migrations.CreateModel(
                    name='PaymentBatch',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                        ('paid_on', models.DateField(blank=True, null=True, verbose_name='paid on')),
                        ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'meetings_paymentbatch',
                        'verbose_name': 'payment batch',
                        'verbose_name_plural': 'payment batches',
                        'ordering': ['-created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='Receipt',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('file', models.FileField(storage=digitutor.storage.private_storage, upload_to=meetings.claims.models.receipt_file_name, verbose_name='file')),
                        ('original_name', models.CharField(max_length=255, verbose_name='original file name')),
                        ('content_type', models.CharField(max_length=50, verbose_name='type')),
                        ('size', models.PositiveIntegerField(verbose_name='size (bytes)')),
                        ('sha256', models.CharField(max_length=64)),
                        ('uploaded_at', models.DateTimeField(auto_now_add=True, verbose_name='uploaded')),
                        ('line', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='receipt', to='claims.claimline')),
                    ],
                    options={
                        'db_table': 'meetings_receipt',
                        'verbose_name': 'receipt',
                        'verbose_name_plural': 'receipts',
                    },
                ),
                migrations.CreateModel(
                    name='TravelClaim',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('status', models.CharField(choices=[('draft', 'Draft'), ('submitted', 'Submitted'), ('returned', 'Returned for changes'), ('approved', 'Approved'), ('paid', 'Paid')], default='draft', editable=False, max_length=10, verbose_name='status')),
                        ('departure_at', models.DateTimeField(verbose_name='departure')),
                        ('return_at', models.DateTimeField(verbose_name='return')),
                        ('trip_starts_from', models.CharField(choices=[('home', 'Home'), ('workplace', 'Workplace')], default='home', max_length=10, verbose_name='the trip starts from')),
                        ('start_place', models.CharField(max_length=200, verbose_name='start address')),
                        ('route', models.CharField(help_text='For example Pori – Turku – Pori.', max_length=500, verbose_name='route')),
                        ('distance_from_start_km', models.DecimalField(decimal_places=1, max_digits=6, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(2000)], verbose_name='distance from the start to the destination (km)')),
                        ('distance_from_other_km', models.DecimalField(decimal_places=1, max_digits=6, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(2000)], verbose_name='distance from your other place (workplace or home) to the destination (km)')),
                        ('free_meals', models.PositiveSmallIntegerField(default=0, validators=[django.core.validators.MaxValueValidator(3)], verbose_name='free meals offered')),
                        ('usual_meal_missed', models.BooleanField(default=False, verbose_name='the trip kept me from eating at my usual place')),
                        ('allowance_kind', models.CharField(choices=[('none', 'No allowance'), ('partial', 'Partial per diem'), ('full', 'Full per diem'), ('meal', 'Meal allowance')], default='none', editable=False, max_length=10, verbose_name='allowance')),
                        ('allowance_amount', models.DecimalField(decimal_places=2, default=Decimal('0.00'), editable=False, max_digits=10, verbose_name='allowance (€)')),
                        ('total', models.DecimalField(decimal_places=2, default=Decimal('0.00'), editable=False, max_digits=10, verbose_name='total (€)')),
                        ('return_reason', models.TextField(blank=True, editable=False, verbose_name='reason for returning')),
                        ('submitted_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='submitted')),
                        ('approved_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='approved')),
                        ('paid_on', models.DateField(blank=True, editable=False, null=True, verbose_name='paid on')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                        ('action_day', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='claims', to='actionday.actionday', verbose_name='action day')),
                        ('approved_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='approved by')),
                        ('batch', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='claims', to='claims.paymentbatch', verbose_name='payment batch')),
                        ('meeting', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='claims', to='meetings.meeting', verbose_name='meeting')),
                        ('member', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='claims', to='members.member', verbose_name='member')),
                        ('paid_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='paid by')),
                        ('rates', models.ForeignKey(editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='claims.travelrate', verbose_name='rates used')),
                    ],
                    options={
                        'db_table': 'meetings_travelclaim',
                        'verbose_name': 'travel claim',
                        'verbose_name_plural': 'travel claims',
                        'ordering': ['-created_at'],
                    },
                ),
                migrations.AddField(
                    model_name='claimline',
                    name='claim',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='lines', to='claims.travelclaim'),
                ),
                migrations.CreateModel(
                    name='ClaimEvent',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('at', models.DateTimeField(auto_now_add=True, verbose_name='when')),
                        ('from_status', models.CharField(choices=[('draft', 'Draft'), ('submitted', 'Submitted'), ('returned', 'Returned for changes'), ('approved', 'Approved'), ('paid', 'Paid')], max_length=10, verbose_name='from')),
                        ('to_status', models.CharField(choices=[('draft', 'Draft'), ('submitted', 'Submitted'), ('returned', 'Returned for changes'), ('approved', 'Approved'), ('paid', 'Paid')], max_length=10, verbose_name='to')),
                        ('reason', models.TextField(blank=True, verbose_name='reason')),
                        ('actor', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('claim', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='claims.travelclaim')),
                    ],
                    options={
                        'db_table': 'meetings_claimevent',
                        'verbose_name': 'claim event',
                        'verbose_name_plural': 'claim events',
                        'ordering': ['at', 'pk'],
                    },
                ),
                migrations.AddIndex(
                    model_name='travelclaim',
                    index=models.Index(fields=['status', 'submitted_at'], name='meetings_tr_status_043c03_idx'),
                ),
                migrations.AddConstraint(
                    model_name='travelclaim',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('action_day__isnull', True), ('meeting__isnull', False)), models.Q(('action_day__isnull', False), ('meeting__isnull', True)), _connector='OR'), name='claim_for_one_event'),
                ),
                migrations.AddConstraint(
                    model_name='travelclaim',
                    constraint=models.CheckConstraint(condition=models.Q(('return_at__gt', models.F('departure_at'))), name='claim_returns_after'),
                ),
            ],
            database_operations=[],
        ),
    ]
