"""The action day's models, moved from the meetings app with their tables and rows."""

import django.core.validators
import django.db.models.deletion
import meetings.actionday.models
from decimal import Decimal
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('meetings', '0004_claim_people_verbose_names'),
        ('members', '0003_cache_tables'),
    ]

    # The models lived in the meetings app until the house was rebuilt (issue 13): the tables exist already, so
    # this only tells Django's state where they are now; 0002 renames them for this app.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ActionDay',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(unique=True, validators=[django.core.validators.MinValueValidator(2000), django.core.validators.MaxValueValidator(2100)], verbose_name='year')),
                        ('theme', models.CharField(max_length=200, verbose_name='theme')),
                        ('date', models.DateField(verbose_name='date')),
                        ('starts_at', models.TimeField(blank=True, null=True, verbose_name='starts')),
                        ('ends_at', models.TimeField(blank=True, null=True, verbose_name='ends')),
                        ('venue_name', models.CharField(max_length=200, verbose_name='venue')),
                        ('venue_address', models.CharField(blank=True, max_length=200, verbose_name='venue address')),
                        ('venue_municipality', models.CharField(blank=True, choices=[('akaa', 'Akaa'), ('alajarvi', 'Alajärvi'), ('alavieska', 'Alavieska'), ('alavus', 'Alavus'), ('artjarvi', 'Artjärvi'), ('asikkala', 'Asikkala'), ('askola', 'Askola'), ('aura', 'Aura'), ('brando', 'Brändö'), ('eckero', 'Eckerö'), ('enonkoski', 'Enonkoski'), ('enontekio', 'Enontekiö'), ('espoo', 'Espoo'), ('eura', 'Eura'), ('eurajoki', 'Eurajoki'), ('evijarvi', 'Evijärvi'), ('finstrom', 'Finström'), ('forssa', 'Forssa'), ('foglo', 'Föglö'), ('geta', 'Geta'), ('haapajarvi', 'Haapajärvi'), ('haapavesi', 'Haapavesi'), ('hailuoto', 'Hailuoto'), ('halsua', 'Halsua'), ('hamina', 'Hamina'), ('hammarland', 'Hammarland'), ('hankasalmi', 'Hankasalmi'), ('hanko', 'Hanko'), ('harjavalta', 'Harjavalta'), ('hartola', 'Hartola'), ('hattula', 'Hattula'), ('haukipudas', 'Haukipudas'), ('hausjarvi', 'Hausjärvi'), ('heinola', 'Heinola'), ('heinavesi', 'Heinävesi'), ('helsinki', 'Helsinki'), ('hirvensalmi', 'Hirvensalmi'), ('hollola', 'Hollola'), ('honkajoki', 'Honkajoki'), ('huittinen', 'Huittinen'), ('humppila', 'Humppila'), ('hyrynsalmi', 'Hyrynsalmi'), ('hyvinkaa', 'Hyvinkää'), ('hameenkoski', 'Hämeenkoski'), ('hameenkyro', 'Hämeenkyrö'), ('hameenlinna', 'Hämeenlinna'), ('ii', 'Ii'), ('iisalmi', 'Iisalmi'), ('iitti', 'Iitti'), ('ikaalinen', 'Ikaalinen'), ('ilmajoki', 'Ilmajoki'), ('ilomantsi', 'Ilomantsi'), ('imatra', 'Imatra'), ('inari', 'Inari'), ('inkoo', 'Inkoo'), ('isojoki', 'Isojoki'), ('isokyro', 'Isokyrö'), ('jalasjarvi', 'Jalasjärvi'), ('janakkala', 'Janakkala'), ('joensuu', 'Joensuu'), ('jokioinen', 'Jokioinen'), ('jomala', 'Jomala'), ('joroinen', 'Joroinen'), ('joutsa', 'Joutsa'), ('juankoski', 'Juankoski'), ('juuka', 'Juuka'), ('juupajoki', 'Juupajoki'), ('juva', 'Juva'), ('jyvaskyla', 'Jyväskylä'), ('jamijarvi', 'Jämijärvi'), ('jamsa', 'Jämsä'), ('jarvenpaa', 'Järvenpää'), ('kaarina', 'Kaarina'), ('kaavi', 'Kaavi'), ('kajaani', 'Kajaani'), ('kalajoki', 'Kalajoki'), ('kangasala', 'Kangasala'), ('kangasniemi', 'Kangasniemi'), ('kankaanpaa', 'Kankaanpää'), ('kannonkoski', 'Kannonkoski'), ('kannus', 'Kannus'), ('karijoki', 'Karijoki'), ('karjalohja', 'Karjalohja'), ('karkkila', 'Karkkila'), ('karstula', 'Karstula'), ('karttula', 'Karttula'), ('karvia', 'Karvia'), ('kaskinen', 'Kaskinen'), ('kauhajoki', 'Kauhajoki'), ('kauhava', 'Kauhava'), ('kauniainen', 'Kauniainen'), ('kaustinen', 'Kaustinen'), ('keitele', 'Keitele'), ('kemi', 'Kemi'), ('kemijarvi', 'Kemijärvi'), ('keminmaa', 'Keminmaa'), ('kemionsaari', 'Kemiönsaari'), ('kempele', 'Kempele'), ('kerava', 'Kerava'), ('kerimaki', 'Kerimäki'), ('kesalahti', 'Kesälahti'), ('keuruu', 'Keuruu'), ('kihnio', 'Kihniö'), ('kiikoinen', 'Kiikoinen'), ('kiiminki', 'Kiiminki'), ('kinnula', 'Kinnula'), ('kirkkonummi', 'Kirkkonummi'), ('kitee', 'Kitee'), ('kittila', 'Kittilä'), ('kiuruvesi', 'Kiuruvesi'), ('kivijarvi', 'Kivijärvi'), ('kokemaki', 'Kokemäki'), ('kokkola', 'Kokkola'), ('kolari', 'Kolari'), ('konnevesi', 'Konnevesi'), ('kontiolahti', 'Kontiolahti'), ('korsnas', 'Korsnäs'), ('koskitl', 'Koski Tl'), ('kotka', 'Kotka'), ('kouvola', 'Kouvola'), ('kristiinankaupunki', 'Kristiinankaupunki'), ('kruunupyy', 'Kruunupyy'), ('kuhmalahti', 'Kuhmalahti'), ('kuhmo', 'Kuhmo'), ('kuhmoinen', 'Kuhmoinen'), ('kumlinge', 'Kumlinge'), ('kuopio', 'Kuopio'), ('kuortane', 'Kuortane'), ('kurikka', 'Kurikka'), ('kustavi', 'Kustavi'), ('kuusamo', 'Kuusamo'), ('kylmakoski', 'Kylmäkoski'), ('kyyjarvi', 'Kyyjärvi'), ('karkola', 'Kärkölä'), ('karsamaki', 'Kärsämäki'), ('kokar', 'Kökar'), ('koylio', 'Köyliö'), ('lahti', 'Lahti'), ('laihia', 'Laihia'), ('laitila', 'Laitila'), ('lapinjarvi', 'Lapinjärvi'), ('lapinlahti', 'Lapinlahti'), ('lappajarvi', 'Lappajärvi'), ('lappeenranta', 'Lappeenranta'), ('lapua', 'Lapua'), ('laukaa', 'Laukaa'), ('lavia', 'Lavia'), ('lemi', 'Lemi'), ('lemland', 'Lemland'), ('lempaala', 'Lempäälä'), ('leppavirta', 'Leppävirta'), ('lestijarvi', 'Lestijärvi'), ('lieksa', 'Lieksa'), ('lieto', 'Lieto'), ('liminka', 'Liminka'), ('liperi', 'Liperi'), ('lohja', 'Lohja'), ('loimaa', 'Loimaa'), ('loppi', 'Loppi'), ('loviisa', 'Loviisa'), ('luhanka', 'Luhanka'), ('lumijoki', 'Lumijoki'), ('lumparland', 'Lumparland'), ('luoto', 'Luoto'), ('luumaki', 'Luumäki'), ('luvia', 'Luvia'), ('lansi-turunmaa', 'Länsi-Turunmaa'), ('maalahti', 'Maalahti'), ('maaninka', 'Maaninka'), ('maarianhamina', 'Maarianhamina'), ('marttila', 'Marttila'), ('masku', 'Masku'), ('merijarvi', 'Merijärvi'), ('merikarvia', 'Merikarvia'), ('miehikkala', 'Miehikkälä'), ('mikkeli', 'Mikkeli'), ('muhos', 'Muhos'), ('multia', 'Multia'), ('muonio', 'Muonio'), ('mustasaari', 'Mustasaari'), ('muurame', 'Muurame'), ('mynamaki', 'Mynämäki'), ('myrskyla', 'Myrskylä'), ('mantsala', 'Mäntsälä'), ('mantta-vilppula', 'Mänttä-Vilppula'), ('mantyharju', 'Mäntyharju'), ('naantali', 'Naantali'), ('nakkila', 'Nakkila'), ('nastola', 'Nastola'), ('nilsia', 'Nilsiä'), ('nivala', 'Nivala'), ('nokia', 'Nokia'), ('nousiainen', 'Nousiainen'), ('nummi-pusula', 'Nummi-Pusula'), ('nurmes', 'Nurmes'), ('nurmijarvi', 'Nurmijärvi'), ('narpio', 'Närpiö'), ('oravainen', 'Oravainen'), ('orimattila', 'Orimattila'), ('oripaa', 'Oripää'), ('orivesi', 'Orivesi'), ('oulainen', 'Oulainen'), ('oulu', 'Oulu'), ('oulunsalo', 'Oulunsalo'), ('outokumpu', 'Outokumpu'), ('padasjoki', 'Padasjoki'), ('paimio', 'Paimio'), ('paltamo', 'Paltamo'), ('parikkala', 'Parikkala'), ('parkano', 'Parkano'), ('pedersore', 'Pedersöre'), ('pelkosenniemi', 'Pelkosenniemi'), ('pello', 'Pello'), ('perho', 'Perho'), ('pertunmaa', 'Pertunmaa'), ('petajavesi', 'Petäjävesi'), ('pieksamaki', 'Pieksämäki'), ('pielavesi', 'Pielavesi'), ('pietarsaari', 'Pietarsaari'), ('pihtipudas', 'Pihtipudas'), ('pirkkala', 'Pirkkala'), ('polvijarvi', 'Polvijärvi'), ('pomarkku', 'Pomarkku'), ('pori', 'Pori'), ('pornainen', 'Pornainen'), ('porvoo', 'Porvoo'), ('posio', 'Posio'), ('pudasjarvi', 'Pudasjärvi'), ('pukkila', 'Pukkila'), ('punkaharju', 'Punkaharju'), ('punkalaidun', 'Punkalaidun'), ('puolanka', 'Puolanka'), ('puumala', 'Puumala'), ('pyhtaa', 'Pyhtää'), ('pyhajoki', 'Pyhäjoki'), ('pyhajarvi', 'Pyhäjärvi'), ('pyhanta', 'Pyhäntä'), ('pyharanta', 'Pyhäranta'), ('palkane', 'Pälkäne'), ('poytya', 'Pöytyä'), ('raahe', 'Raahe'), ('raasepori', 'Raasepori'), ('raisio', 'Raisio'), ('rantasalmi', 'Rantasalmi'), ('ranua', 'Ranua'), ('rauma', 'Rauma'), ('rautalampi', 'Rautalampi'), ('rautavaara', 'Rautavaara'), ('rautjarvi', 'Rautjärvi'), ('reisjarvi', 'Reisjärvi'), ('riihimaki', 'Riihimäki'), ('ristiina', 'Ristiina'), ('ristijarvi', 'Ristijärvi'), ('rovaniemi', 'Rovaniemi'), ('ruokolahti', 'Ruokolahti'), ('ruovesi', 'Ruovesi'), ('rusko', 'Rusko'), ('raakkyla', 'Rääkkylä'), ('saarijarvi', 'Saarijärvi'), ('salla', 'Salla'), ('salo', 'Salo'), ('saltvik', 'Saltvik'), ('sastamala', 'Sastamala'), ('sauvo', 'Sauvo'), ('savitaipale', 'Savitaipale'), ('savonlinna', 'Savonlinna'), ('savukoski', 'Savukoski'), ('seinajoki', 'Seinäjoki'), ('sievi', 'Sievi'), ('siikainen', 'Siikainen'), ('siikajoki', 'Siikajoki'), ('siikalatva', 'Siikalatva'), ('siilinjarvi', 'Siilinjärvi'), ('simo', 'Simo'), ('sipoo', 'Sipoo'), ('siuntio', 'Siuntio'), ('sodankyla', 'Sodankylä'), ('soini', 'Soini'), ('somero', 'Somero'), ('sonkajarvi', 'Sonkajärvi'), ('sotkamo', 'Sotkamo'), ('sottunga', 'Sottunga'), ('sulkava', 'Sulkava'), ('sund', 'Sund'), ('suomenniemi', 'Suomenniemi'), ('suomussalmi', 'Suomussalmi'), ('suonenjoki', 'Suonenjoki'), ('sysma', 'Sysmä'), ('sakyla', 'Säkylä'), ('taipalsaari', 'Taipalsaari'), ('taivalkoski', 'Taivalkoski'), ('taivassalo', 'Taivassalo'), ('tammela', 'Tammela'), ('tampere', 'Tampere'), ('tarvasjoki', 'Tarvasjoki'), ('tervo', 'Tervo'), ('tervola', 'Tervola'), ('teuva', 'Teuva'), ('tohmajarvi', 'Tohmajärvi'), ('toholampi', 'Toholampi'), ('toivakka', 'Toivakka'), ('tornio', 'Tornio'), ('turku', 'Turku'), ('tuusniemi', 'Tuusniemi'), ('tuusula', 'Tuusula'), ('tyrnava', 'Tyrnävä'), ('toysa', 'Töysä'), ('ulvila', 'Ulvila'), ('urjala', 'Urjala'), ('utajarvi', 'Utajärvi'), ('utsjoki', 'Utsjoki'), ('uurainen', 'Uurainen'), ('uusikaarlepyy', 'Uusikaarlepyy'), ('uusikaupunki', 'Uusikaupunki'), ('vaala', 'Vaala'), ('vaasa', 'Vaasa'), ('valkeakoski', 'Valkeakoski'), ('valtimo', 'Valtimo'), ('vantaa', 'Vantaa'), ('varkaus', 'Varkaus'), ('varpaisjarvi', 'Varpaisjärvi'), ('vehmaa', 'Vehmaa'), ('vesanto', 'Vesanto'), ('vesilahti', 'Vesilahti'), ('veteli', 'Veteli'), ('vierema', 'Vieremä'), ('vihanti', 'Vihanti'), ('vihti', 'Vihti'), ('viitasaari', 'Viitasaari'), ('vimpeli', 'Vimpeli'), ('virolahti', 'Virolahti'), ('virrat', 'Virrat'), ('vardo', 'Vårdö'), ('vahakyro', 'Vähäkyrö'), ('voyri-maksamaa', 'Vöyri-Maksamaa'), ('yli-ii', 'Yli-Ii'), ('ylitornio', 'Ylitornio'), ('ylivieska', 'Ylivieska'), ('ylojarvi', 'Ylöjärvi'), ('ypaja', 'Ypäjä'), ('ahtari', 'Ähtäri'), ('aanekoski', 'Äänekoski')], max_length=40, verbose_name='venue municipality')),
                        ('description', models.TextField(blank=True, help_text='Markdown.', verbose_name='description')),
                        ('capacity', models.PositiveIntegerField(validators=[django.core.validators.MinValueValidator(1)], verbose_name='places')),
                        ('registration_open', models.BooleanField(default=False, verbose_name='registration open')),
                        ('budget', models.DecimalField(decimal_places=2, default=Decimal('0.00'), max_digits=10, validators=[django.core.validators.MinValueValidator(0)], verbose_name='budget (€)')),
                        ('published', models.BooleanField(default=False, verbose_name='published')),
                    ],
                    options={
                        'db_table': 'meetings_actionday',
                        'verbose_name': 'action day',
                        'verbose_name_plural': 'action days',
                        'ordering': ['-year'],
                        'constraints': [models.CheckConstraint(condition=models.Q(('ends_at__isnull', True), ('starts_at__isnull', True), ('ends_at__gt', models.F('starts_at')), _connector='OR'), name='action_day_ends_after_start')],
                    },
                ),
                migrations.CreateModel(
                    name='CostLine',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('category', models.CharField(choices=[('venue', 'Venue'), ('catering', 'Catering'), ('speakers', 'Speakers'), ('materials', 'Materials'), ('travel', 'Travel'), ('other', 'Other')], max_length=10, verbose_name='category')),
                        ('description', models.CharField(max_length=200, verbose_name='description')),
                        ('planned', models.DecimalField(decimal_places=2, default=Decimal('0.00'), max_digits=10, validators=[django.core.validators.MinValueValidator(0)], verbose_name='planned (€)')),
                        ('actual', models.DecimalField(blank=True, decimal_places=2, max_digits=10, null=True, validators=[django.core.validators.MinValueValidator(0)], verbose_name='actual (€)')),
                        ('action_day', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='cost_lines', to='actionday.actionday', verbose_name='action day')),
                    ],
                    options={
                        'db_table': 'meetings_costline',
                        'verbose_name': 'cost line',
                        'verbose_name_plural': 'costs',
                        'ordering': ['category', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='ProgrammeItem',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('starts_at', models.TimeField(verbose_name='starts')),
                        ('ends_at', models.TimeField(blank=True, null=True, verbose_name='ends')),
                        ('title', models.CharField(max_length=200, verbose_name='title')),
                        ('description', models.TextField(blank=True, verbose_name='description')),
                        ('outside_presenters', models.CharField(blank=True, max_length=300, verbose_name='outside presenters')),
                        ('action_day', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='programme', to='actionday.actionday', verbose_name='action day')),
                        ('presenters', models.ManyToManyField(blank=True, related_name='programme_items', to='members.member', verbose_name='presenters from the group')),
                    ],
                    options={
                        'db_table': 'meetings_programmeitem',
                        'verbose_name': 'programme item',
                        'verbose_name_plural': 'programme',
                        'ordering': ['starts_at', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='Registration',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=200, verbose_name='name')),
                        ('library', models.CharField(max_length=200, verbose_name='library')),
                        ('email', models.EmailField(max_length=254, verbose_name='email address')),
                        ('dietary_needs', models.CharField(blank=True, max_length=300, verbose_name='dietary needs')),
                        ('consent', models.BooleanField(default=False, verbose_name='consent to store the data')),
                        ('status', models.CharField(choices=[('confirmed', 'Confirmed'), ('waiting', 'On the waiting list'), ('cancelled', 'Cancelled')], editable=False, max_length=10, verbose_name='status')),
                        ('cancel_token', models.CharField(default=meetings.actionday.models.new_cancel_token, editable=False, max_length=64, unique=True)),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='registered')),
                        ('cancelled_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='cancelled')),
                        ('action_day', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='registrations', to='actionday.actionday', verbose_name='action day')),
                        ('member', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='members.member', verbose_name='member')),
                    ],
                    options={
                        'db_table': 'meetings_registration',
                        'verbose_name': 'registration',
                        'verbose_name_plural': 'registrations',
                        'ordering': ['created_at', 'pk'],
                        'constraints': [models.UniqueConstraint(condition=models.Q(('status', 'cancelled'), _negated=True), fields=('action_day', 'email'), name='one_registration_per_email'), models.CheckConstraint(condition=models.Q(('consent', True)), name='registration_needs_consent')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
