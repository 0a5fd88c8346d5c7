"""The benchmark's data set: ten years of a big working group on top of the demo (run by generate_load_data.py).

The demo is loaded first, so its logins work; then, per phase and in one transaction each, plain model instances
are written with bulk_create in batches: people and rosters, plans, meetings with answers and registers, action
days, travel claims with lines, receipts, events and payment batches, and good practices and trainings.
Nothing here computes money: each claim is priced by `meetings.claims.services.claim_amounts`, the arithmetic
`claim_recompute` saves, and the travel rates are the official ones of `meetings.claims.official_rates`.

The same seed and the same `now` give the same data. A database that already holds more than the demo is refused
unless `force` is given; then one more data set goes on top (new people, meetings and claims; years that already
have a plan, a roster chair or an action day keep theirs).
"""

import hashlib
import math
import random
import secrets
import sys
import time
from collections import Counter, defaultdict
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from datetime import time as clock
from decimal import Decimal
from io import BytesIO
from itertools import islice
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.apps import apps
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from localflavor.fi.fi_municipalities import MUNICIPALITY_CHOICES
from PIL import Image, ImageDraw
from reportlab.pdfgen.canvas import Canvas

from digitutor.demo_calendar import SEED_YEAR, DemoCalendar
from digitutor.roles import Role
from goals.demo import ACTIVITY_DESCRIPTION, ACTIVITY_KINDS, GOALS, HOW_THE_GROUP_WORKS, INTRODUCTION, load_plans
from goals.demo import PRACTICES as DEMO_PRACTICES
from goals.demo import TRAININGS as DEMO_TRAININGS
from goals.models import (
    ActivityKind,
    Goal,
    GoalAction,
    GoodPractice,
    Measure,
    Plan,
    Tag,
    Target,
    TargetStatus,
    Training,
)
from meetings.actionday.demo import load_action_day
from meetings.actionday.models import ActionDay, CostCategory, CostLine, ProgrammeItem, Registration, RegistrationStatus
from meetings.claims import rules, services
from meetings.claims.demo import CLAIMS as DEMO_CLAIMS
from meetings.claims.demo import load_claims
from meetings.claims.models import (
    Budget,
    ClaimEvent,
    ClaimLine,
    ClaimStatus,
    FundingSource,
    LineKind,
    PaymentBatch,
    Receipt,
    TravelClaim,
    TravelRate,
    TripStart,
)
from meetings.claims.official_rates import OFFICIAL_RATES, OfficialRates, seed_official_rates, source_of
from meetings.claims.receipts import validate_receipt
from meetings.demo import MEETINGS as DEMO_MEETINGS
from meetings.demo import TEAMS_LINK, load_meetings
from meetings.models import (
    Answer,
    AttendanceAnswer,
    AttendanceMode,
    AttendanceRecord,
    CalendarFeed,
    Meeting,
    MeetingFormat,
    MeetingStatus,
)
from members.demo import CHAIR_EMAIL, LIBRARIES, ROSTER_2022, TREASURER, demo_email, demo_iban, load_people
from members.models import (
    Invitation,
    Library,
    Member,
    Region,
    Roster,
    RosterEntry,
    RosterRole,
    TravelDetails,
    User,
    invitation_token_hash,
)

HELSINKI = ZoneInfo("Europe/Helsinki")
BATCH_SIZE = 1000
YEARS = 10
# The full size at --scale 1.
FULL_SIZE = {"members": 200, "meetings": 400, "claims": 20_000, "practices": 5_000, "trainings": 1_000}
# Small scales keep the data coherent: the plan's two meetings a year, and enough people to travel.
MIN_MEMBERS = 30
MIN_MEETINGS_PER_YEAR = 2
# Every claim is one member's trip to one meeting they attended in person; about a quarter of the group goes to
# each meeting in person, so the group needs four members for each claim a meeting brings.
MEMBERS_PER_CLAIM_OF_A_MEETING = 4
# The demo's chair chairs the group from the demo year on; earlier years had chairs of their own.
DEMO_CHAIR_FROM = 2022

VS, SK = Region.VARSINAIS_SUOMI, Region.SATAKUNTA
# More libraries of the two regions, beside the demo's: (name, municipality code, region, relative size).
MORE_LIBRARIES = [
    ("Salon kaupunginkirjasto", "salo", VS, 3),
    ("Uudenkaupungin kaupunginkirjasto", "uusikaupunki", VS, 2),
    ("Liedon kunnankirjasto", "lieto", VS, 2),
    ("Paimion kaupunginkirjasto", "paimio", VS, 1),
    ("Laitilan kaupunginkirjasto", "laitila", VS, 1),
    ("Mynämäen kunnankirjasto", "mynamaki", VS, 1),
    ("Someron kaupunginkirjasto", "somero", VS, 1),
    ("Kemiönsaaren kunnankirjasto", "kemionsaari", VS, 1),
    ("Ruskon kunnankirjasto", "rusko", VS, 1),
    ("Nousiaisten kunnankirjasto", "nousiainen", VS, 1),
    ("Auran kunnankirjasto", "aura", VS, 1),
    ("Sauvon kunnankirjasto", "sauvo", VS, 1),
    ("Rauman kaupunginkirjasto", "rauma", SK, 3),
    ("Ulvilan kaupunginkirjasto", "ulvila", SK, 1),
    ("Harjavallan kaupunginkirjasto", "harjavalta", SK, 1),
    ("Kankaanpään kaupunginkirjasto", "kankaanpaa", SK, 1),
    ("Huittisten kaupunginkirjasto", "huittinen", SK, 1),
    ("Euran kunnankirjasto", "eura", SK, 1),
    ("Eurajoen kunnankirjasto", "eurajoki", SK, 1),
    ("Kokemäen kaupunginkirjasto", "kokemaki", SK, 1),
    ("Nakkilan kunnankirjasto", "nakkila", SK, 1),
    ("Säkylän kunnankirjasto", "sakyla", SK, 1),
    ("Merikarvian kunnankirjasto", "merikarvia", SK, 1),
]
# Where the municipalities are (latitude, longitude): trip distances are the straight line times a road factor.
PLACES = {
    "turku": (60.451, 22.267),
    "pori": (61.485, 21.797),
    "masku": (60.571, 22.100),
    "kaarina": (60.407, 22.369),
    "pomarkku": (61.693, 22.008),
    "naantali": (60.467, 22.026),
    "raisio": (60.486, 22.169),
    "loimaa": (60.850, 23.056),
    "salo": (60.384, 23.127),
    "uusikaupunki": (60.800, 21.408),
    "lieto": (60.503, 22.450),
    "paimio": (60.457, 22.687),
    "laitila": (60.879, 21.693),
    "mynamaki": (60.679, 21.991),
    "somero": (60.630, 23.513),
    "kemionsaari": (60.164, 22.727),
    "rusko": (60.542, 22.222),
    "nousiainen": (60.598, 22.083),
    "aura": (60.648, 22.590),
    "sauvo": (60.343, 22.695),
    "rauma": (61.128, 21.511),
    "ulvila": (61.429, 21.870),
    "harjavalta": (61.314, 22.142),
    "kankaanpaa": (61.804, 22.394),
    "huittinen": (61.176, 22.699),
    "eura": (61.131, 22.131),
    "eurajoki": (61.200, 21.733),
    "kokemaki": (61.256, 22.354),
    "nakkila": (61.364, 22.005),
    "sakyla": (61.045, 22.340),
    "merikarvia": (61.859, 21.500),
}
ROAD_FACTOR = 1.3
PLACE_NAMES = dict(MUNICIPALITY_CHOICES)
# How the meetings are held, weighted.
FORMATS = {MeetingFormat.HYBRID: 58, MeetingFormat.IN_PERSON: 32, MeetingFormat.REMOTE: 10}
# Meeting places: (venue, address, municipality).
VENUES = [
    ("Turun pääkirjasto, Studio", "Linnankatu 2", "turku"),
    ("Turun pääkirjasto, kokoushuone Aura", "Linnankatu 2", "turku"),
    ("Porin kaupunginkirjasto, Satakunnan sali", "Gallen-Kallelankatu 12", "pori"),
    ("Rauman kaupunginkirjasto, kokoushuone", "Alfredinkatu 1", "rauma"),
    ("Salon kaupunginkirjasto, Veturi-sali", "Tehdaskatu 2", "salo"),
    ("Raision kirjasto, Kerttu-sali", "Eeronkuja 2", "raisio"),
    ("Kaarinan kaupunginkirjasto, Lukusali", "Lautakunnantie 4", "kaarina"),
    ("Loimaan kaupunginkirjasto, kokoustila", "Vapaudenkatu 6", "loimaa"),
    ("Uudenkaupungin kaupunginkirjasto, Kirjastosali", "Alinenkatu 34", "uusikaupunki"),
    ("Huittisten kaupunginkirjasto, kokoushuone", "Risto Rytin katu 31", "huittinen"),
]
# The amounts a TravelRate row holds, as OFFICIAL_RATES names them.
RATE_FIELDS = [field for field in OfficialRates._fields if field not in ("year", "decision", "note")]
FIRST_NAMES = [
    "Aino", "Anna", "Antti", "Eeva", "Eero", "Elina", "Emilia", "Hanna", "Heikki", "Helena", "Henna", "Ilkka",
    "Inkeri", "Jari", "Johanna", "Jukka", "Jussi", "Kaisa", "Kari", "Katja", "Kirsi", "Laura", "Leena", "Liisa",
    "Marja", "Markku", "Matti", "Merja", "Minna", "Niina", "Noora", "Olli", "Outi", "Paula", "Pekka", "Petri",
    "Pirjo", "Riikka", "Riitta", "Sanna", "Sari", "Satu", "Seppo", "Sirpa", "Suvi", "Taina", "Teemu", "Tiina",
    "Tuula", "Ulla", "Veera", "Ville", "Åsa", "Björn", "Camilla", "Johan", "Linnea", "Ossi", "Jaana", "Pia",
]  # fmt: skip
LAST_NAMES = [
    "Aalto", "Ahonen", "Anttila", "Heikkilä", "Heinonen", "Hiltunen", "Hirvonen", "Hämäläinen", "Jokinen",
    "Järvinen", "Kallio", "Karjalainen", "Kinnunen", "Koivisto", "Korhonen", "Koskinen", "Laaksonen", "Lahtinen",
    "Laine", "Lehtinen", "Lehtonen", "Leinonen", "Lindholm", "Lindroos", "Mattila", "Mäkelä", "Mäkinen",
    "Nieminen", "Niemi", "Nurmi", "Ojala", "Peltonen", "Pitkänen", "Rantanen", "Räsänen", "Saarinen", "Salminen",
    "Salo", "Savolainen", "Seppälä", "Suominen", "Tuominen", "Turunen", "Valtonen", "Virtanen", "Vuorinen",
    "Wikström", "Åberg", "Grönroos", "Söderberg", "Kivelä", "Rinne", "Vainio", "Toivonen", "Kangas", "Lindqvist",
    "Sjöblom", "Ketola", "Leppänen", "Mikkola", "Nyberg", "Rautio", "Sundström", "Uotila", "Vähä-Vahe",
]  # fmt: skip
JOB_TITLES = [
    "Kirjastonhoitaja", "Kirjastonhoitaja", "Kirjastovirkailija", "Kirjastovirkailija", "Informaatikko",
    "Kirjastosihteeri", "Palvelupäällikkö", "Erikoiskirjastonhoitaja", "Digituutori", "Kirjastopedagogi",
]  # fmt: skip
STREETS = ["Kirkkokatu", "Koulukatu", "Puistokatu", "Rantatie", "Myllytie", "Koivukuja", "Mäntytie", "Asematie",
           "Isokatu", "Satamakatu", "Pajatie", "Kauppakatu"]  # fmt: skip
MEETING_TOPICS = [
    "Tekoäly asiakasopastuksessa", "Suomi.fi ja vahva tunnistautuminen", "Kirjaston e-aineistot",
    "Tietoturva ja huijausviestit", "Mobiilivarmenne", "OmaKanta ja sähköiset terveyspalvelut",
    "Etäopastus puhelimella", "Digitukiverkoston kuulumiset", "Toimintapäivän suunnittelu",
    "Toimintasuunnitelman seuranta", "Saavutettavuus verkkopalveluissa", "Älypuhelimen perusteet",
    "Videopuhelut ja etäyhteydet", "Pankkiasiointi verkossa", "Laitelainaus kirjastoissa",
    "Vapaaehtoiset digiopastajat", "Uudet laitteet ja sovellukset", "Kuvien siirto ja pilvipalvelut",
]  # fmt: skip
ACTION_DAY_THEMES = [
    "Digituki arjessa", "Tekoäly kirjastotyössä", "Turvallisesti verkossa", "Kaikkien kirjasto – saavutettava digi",
    "Ikäihmiset ja digi", "Uudet laitteet ja sovellukset", "Etäopastuksen työkalut", "Digituen verkostot",
    "Pelit ja pelillisyys kirjastossa", "Media- ja informaatiolukutaito",
]  # fmt: skip
PRACTICE_METHODS = [
    "Digitukipäivystys", "Etäopastus", "Pienryhmäopastus", "Vertaisopastus", "Opastusvideo", "Tietoisku",
    "Laitelainaus", "Harjoittelulaite", "Ohjekortit", "Digikahvila", "Ajanvarausopastus", "Jalkautuva opastus",
]  # fmt: skip
PRACTICE_TOPICS = [
    "Suomi.fi-tunnistautuminen", "mobiilivarmenne", "OmaKanta", "verkkopankki", "e-kirjat ja e-äänikirjat",
    "videopuhelut", "kuvien siirtäminen", "tietoturva", "huijausviestien tunnistaminen", "tekoälysovellukset",
    "sähköposti", "kirjaston verkkokirjasto", "kelan asiointi", "joukkoliikenteen mobiililiput", "salasanat",
]  # fmt: skip
PRACTICE_DETAILS = [
    "Asiakas tuo oman laitteensa, ja ohjaaja neuvoo vaihe vaiheelta.",
    "Ohjeet on tulostettu **selkokielisiksi** korteiksi, jotka asiakas saa mukaansa.",
    "Opastus sopii erityisesti ikäihmisille, jotka eivät pääse kirjastoon.",
    "Vapaaehtoiset auttavat päivystyksessä, ja henkilökunta vastaa vaikeammista kysymyksistä.",
    "Kokeilu aloitettiin pienenä ja laajennettiin palautteen perusteella.",
    "Harjoittelulaitteella asiakas voi kokeilla ilman omia tunnuksiaan.",
    "Tilaisuudesta ilmoitettiin paikallislehdessä ja kirjaston sosiaalisessa mediassa.",
    "Yhteistyössä kansalaisopiston ja järjestöjen kanssa.",
]  # fmt: skip
PRACTICE_BULLETS = ["ei ajanvarausta", "yksi ohjaaja ja yksi vapaaehtoinen", "kesto 45 minuuttia",
                    "enintään kuusi osallistujaa", "oma laite mukaan", "kerran viikossa", "kahvitarjoilu",
                    "palautelomake lopuksi"]  # fmt: skip
TAGS = [
    "päivystys", "puhelin", "etäopastus", "ikäihmiset", "tunnistautuminen", "tietoturva", "tekoäly", "e-aineistot",
    "pankkiasiointi", "terveyspalvelut", "vapaaehtoiset", "selkokieli", "maahanmuuttajat", "nuoret", "laitteet",
    "videot", "ohjeet", "yhteistyö", "saavutettavuus", "pelit", "sosiaalinen media", "kuvat", "sähköposti",
    "verkkokirjasto", "mobiili", "koulutus", "henkilökunta", "tapahtumat", "ryhmät", "huijaukset",
]  # fmt: skip
TRAINING_TITLES = [
    "Tekoäly kirjastotyössä -verkkokurssi", "Digituen vertaisohjaajien koulutus", "Tietoturvan perusteet",
    "Saavutettavuus verkkopalveluissa", "Digituen verkostopäivä", "Mobiilivarmenne ja tunnistautuminen",
    "Selkokielinen digiopastus", "Kirjastojen e-aineistopäivät", "Huijausten tunnistaminen -webinaari",
    "Pelillisyys kirjastossa",
]  # fmt: skip
RETURN_REASONS = [
    "Liitä kuittiin myös pysäköinnin aika.", "Tarkista kilometrit: reitti on lyhyempi.",
    "Kuitti puuttuu tai ei näy kokonaan.", "Lähtöaika ei täsmää kokouksen aikaan.",
    "Matkustajia ei voi olla, jos ajoit yksin.",
]  # fmt: skip
OTHER_COSTS = [
    "Taksi asemalta kokouspaikalle",
    "Lauttamaksu",
    "Kokousmateriaalin tulosteet",
    "Pysäköintihallin lisäaika",
]
EXTRA_GOALS = [
    ("Digituen saavutettavuuden parantaminen", ["Selkokieliset ohjeet", "Opastus myös ruotsiksi ja englanniksi"],
     "Jokaisessa kirjastossa on selkokieliset ohjeet"),
    ("Vapaaehtoisten digiopastajien tukeminen", ["Vapaaehtoisten perehdytys", "Yhteinen materiaalipankki"],
     "Vapaaehtoisia toimii vähintään viidessä kirjastossa"),
]  # fmt: skip
PROGRAMME = [
    (clock(9), clock(9, 30), "Aamukahvi ja tervetuloa", 0, ""),
    (clock(9, 30), clock(10, 30), "Pääpuheenvuoro", 0, "Asiantuntija, Turun ammattikorkeakoulu"),
    (clock(10, 45), clock(11, 45), "Kokemuksia kirjastoista", 2, ""),
    (clock(12, 30), clock(13, 30), "Työpaja", 2, ""),
    (clock(13, 45), clock(15), "Laitekokeilut", 1, ""),
    (clock(15), clock(15, 30), "Päivän yhteenveto", 1, ""),
]
# The newest claims are still moving through the workflow; these are their final states, weighted.
OPEN_STATES = {
    ClaimStatus.DRAFT: 12,
    ClaimStatus.SUBMITTED: 25,
    ClaimStatus.RETURNED: 6,
    ClaimStatus.APPROVED: 22,
    ClaimStatus.PAID: 35,
}
# Older claims are paid, except a few drafts never sent and returned claims never fixed.
SETTLED_STATES = {ClaimStatus.PAID: 975, ClaimStatus.DRAFT: 15, ClaimStatus.RETURNED: 10}
RECENT_SHARE = 0.08


def sizes(scale):
    """How many of each thing --scale asks for."""

    def scaled(full):
        return max(1, round(full * scale))

    meetings = max(MIN_MEETINGS_PER_YEAR * YEARS, scaled(FULL_SIZE["meetings"]))
    claims = scaled(FULL_SIZE["claims"])
    # The group shrinks only as far as it can still make the claims' trips.
    travellers = math.ceil(claims / meetings * MEMBERS_PER_CLAIM_OF_A_MEETING)
    return {
        "members": max(MIN_MEMBERS, scaled(FULL_SIZE["members"]), min(travellers, FULL_SIZE["members"])),
        "meetings": meetings,
        "claims": claims,
        "practices": scaled(FULL_SIZE["practices"]),
        "trainings": scaled(FULL_SIZE["trainings"]),
    }


def holds_more_than_the_demo():
    """True when the database has people, meetings, claims or evidence that the demo did not make."""
    demo_emails = [demo_email(first_name, last_name) for first_name, last_name, _place in ROSTER_2022]
    return (
        Member.objects.exclude(email__in=demo_emails).exists()
        or Meeting.objects.exclude(title__in=[meeting["title"] for meeting in DEMO_MEETINGS]).exists()
        or TravelClaim.objects.count() > len(DEMO_CLAIMS)
        or GoodPractice.objects.count() > len(DEMO_PRACTICES)
        or Training.objects.count() > len(DEMO_TRAININGS)
    )


@contextmanager
def timestamps_as_given():
    """Let bulk_create keep the created/updated times the generator gives, instead of stamping "now" on all."""
    fields = [
        field
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    ]
    saved = [(field, field.auto_now, field.auto_now_add) for field in fields]
    for field in fields:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


def at(day, hour=0, minute=0):
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=HELSINKI)


def receipt_files():
    """One small PNG and one small PDF, checked like an upload; every generated receipt is a copy of one."""
    image = Image.new("RGB", (240, 120), "white")
    ImageDraw.Draw(image).multiline_text((10, 10), "KUITTI\nDigitutor\n12.00 EUR", fill="black")
    png = BytesIO()
    image.save(png, "PNG")
    pdf = BytesIO()
    canvas = Canvas(pdf, pagesize=(200, 120), invariant=True)  # no creation time in it: the same bytes each run
    canvas.drawString(20, 80, "KUITTI / Digitutor")
    canvas.drawString(20, 60, "12.00 EUR")
    canvas.showPage()
    canvas.save()
    files = []
    for data, extension in ((png.getvalue(), "png"), (pdf.getvalue(), "pdf")):
        content_type, _sha256 = validate_receipt(SimpleUploadedFile(f"kuitti.{extension}", data))
        files.append((data, extension, content_type, hashlib.sha256(data).hexdigest()))
    return files


def travel_rates(years):
    """Each year's TravelRate, by year: the official ones as a new database gets them (`seed_official_rates`), and
    for a year no decision in OFFICIAL_RATES covers, the nearest decision's figures, marked unchecked."""
    seed_official_rates(TravelRate)
    known = {rates.year: rates for rates in TravelRate.objects.filter(year__in=years)}
    for year in years:
        if year not in known:
            nearest = min(OFFICIAL_RATES, key=lambda official: abs(official.year - year))
            known[year] = TravelRate.objects.create(
                year=year,
                **{field: getattr(nearest, field) for field in RATE_FIELDS},
                source=source_of(nearest),
                note=f"Load data: the figures of {nearest.year}, not checked against the decision for {year}.",
            )
    return known


class Progress:
    """Plain lines on the output: one each time a phase has written another `every` rows, one when it ends."""

    def __init__(self, description, total, *, every, out):
        self.description, self.total, self.every, self.out = description, total, every, out
        self.done, self.next_line, self.started = 0, every, time.monotonic()

    def update(self, count):
        self.done += count
        if self.every and self.done >= self.next_line:
            self.out.write(f"  {self.description:<12} {self.done:>7} / {self.total} rows\n")
            self.out.flush()
            self.next_line = (self.done // self.every + 1) * self.every

    def close(self):
        if self.every:
            seconds = time.monotonic() - self.started
            self.out.write(f"  {self.description:<12} {self.done:>7} rows in {seconds:.1f} s\n")
            self.out.flush()


class Generator:
    """One load data set; each phase writes in one transaction and remembers what the next phases need."""

    def __init__(self, *, scale, seed, now, progress_every, out):
        self.size = sizes(scale)
        self.rng = random.Random(seed)
        self.progress_every, self.out = progress_every, out
        self.now = now
        self.today = timezone.localdate(now)
        self.years = list(range(self.today.year - YEARS + 1, self.today.year + 1))
        self.created = Counter()
        self.timings = []

    # --- helpers ---------------------------------------------------------------------------------------

    def progress(self, description, total):
        return Progress(description, total, every=self.progress_every, out=self.out)

    def insert(self, model, objects, progress):
        """bulk_create in batches as the objects come; they get their primary keys on SQLite and PostgreSQL."""
        objects, written = iter(objects), []
        while chunk := list(islice(objects, BATCH_SIZE)):
            for instance in chunk:  # bulk_create skips save(), which writes the stored HTML of Markdown text
                if hasattr(instance, "render_markdown"):
                    instance.render_markdown()
            model.objects.bulk_create(chunk)
            progress.update(len(chunk))
            written += chunk
        self.created[model._meta.label] += len(written)
        return written

    def moment_between(self, start, end):
        """A random aware datetime in [start, end], to the minute."""
        minutes = max(0, int((end - start).total_seconds() // 60))
        return start + timedelta(minutes=self.rng.randint(0, minutes))

    def km(self, origin, destination):
        if origin == destination or origin not in PLACES or destination not in PLACES:
            return round(self.rng.uniform(1.5, 9), 1)
        (lat1, lon1), (lat2, lon2) = PLACES[origin], PLACES[destination]
        x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
        y = math.radians(lat2 - lat1)
        return round(6371 * math.hypot(x, y) * ROAD_FACTOR, 1)

    def phase(self, name, function):
        started = time.monotonic()
        with transaction.atomic():
            function()
        self.timings.append((name, time.monotonic() - started))

    def run(self):
        with timestamps_as_given():
            self.phase("people", self.people)
            self.phase("plans", self.plans)
            self.phase("meetings", self.meetings)
            self.phase("action days", self.action_days)
            self.phase("claims", self.claims)
            self.phase("evidence", self.evidence)

    # --- people -----------------------------------------------------------------------------------------

    def libraries(self):
        for name, municipality, region, _weight in MORE_LIBRARIES:
            Library.objects.get_or_create(name=name, defaults={"municipality": municipality, "region": region})
        by_name = {library.name: library for library in Library.objects.all()}
        weights = {name: weight for name, _municipality, _region, weight in MORE_LIBRARIES}
        weights.update({name: 4 for name, _municipality, _region in LIBRARIES.values()})
        weights[LIBRARIES["AKE Turku"][0]] = 1
        libraries = [by_name[name] for name in weights]
        return libraries, [weights[library.name] for library in libraries]

    def people(self):
        rng = self.rng
        libraries, library_weights = self.libraries()
        taken = set(User.objects.values_list("email", flat=True)) | set(Member.objects.values_list("email", flat=True))
        password = make_password(settings.DEMO_PASSWORD)  # hashed once: hashing is slow by design
        member_group = Group.objects.get(name=Role.MEMBER)
        first_year, last_year = self.years[0], self.years[-1]
        account_number = Member.objects.count() + 100

        people = []  # (user, member, details, first year, last year)
        for index in range(self.size["members"]):
            first_name, last_name = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            email, number = demo_email(first_name, last_name), 1
            while email in taken:
                number += 1
                email = demo_email(first_name, f"{last_name}{number}")
            taken.add(email)
            library = rng.choices(libraries, library_weights)[0]
            start = max(first_year, rng.randint(first_year - 3, last_year))
            end = min(last_year, start + rng.randint(2, 9))
            active = end >= last_year - 1 or rng.random() < 0.4
            joined = self.moment_between(at(date(start, 1, 5), 9), at(date(start, 3, 31), 16))
            if library.municipality == "kemionsaari" or rng.random() < 0.05:
                language = "sv"
            else:
                language = "en" if rng.random() < 0.03 else "fi"
            user = User(
                email=email,
                first_name=first_name,
                last_name=last_name,
                password=password,
                is_active=active,
                date_joined=joined,
                last_login=self.moment_between(self.now - timedelta(days=60), self.now) if active else None,
            )
            member = Member(
                first_name=first_name,
                last_name=last_name,
                email=email,
                library=library,
                job_title=rng.choice(JOB_TITLES),
                phone=f"040 {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
                preferred_language=language,
                is_active=active,
                created_at=joined,
            )
            home = library.municipality if rng.random() < 0.75 else rng.choice(list(PLACES))
            details = TravelDetails(
                home_address=f"{rng.choice(STREETS)} {rng.randint(1, 60)}",
                home_municipality=home,
                iban=demo_iban(account_number + index),
                updated_at=joined,
            )
            people.append((user, member, details, start, end))

        progress = self.progress("people", 5 * len(people))
        self.insert(User, (user for user, *_rest in people), progress)
        self.created_users = User.objects.filter(pk__in=[user.pk for user, *_rest in people])
        self.insert(
            User.groups.through,
            (User.groups.through(user_id=user.pk, group_id=member_group.pk) for user, *_rest in people),
            progress,
        )
        self.insert(
            EmailAddress,
            (EmailAddress(user=user, email=user.email, verified=True, primary=True) for user, *_rest in people),
            progress,
        )
        for user, member, *_rest in people:
            member.user = user
        self.insert(Member, (member for _user, member, *_rest in people), progress)
        for _user, member, details, *_rest in people:
            details.member = member
        self.insert(TravelDetails, (details for _user, _member, details, *_rest in people), progress)
        progress.close()

        spans = {member.pk: (start, end) for _user, member, _details, start, end in people}
        self.rosters(spans, [member for _user, member, *_rest in people])
        self.invitations(people)

    def rosters(self, new_spans, new_members):
        """Each year's roster: the new people in the years they served, the demo people from some year on."""
        rng = self.rng
        demo_emails = [demo_email(first_name, last_name) for first_name, last_name, _place in ROSTER_2022]
        demo_members = list(Member.objects.filter(email__in=demo_emails).select_related("library").order_by("pk"))
        spans = dict(new_spans)
        for member in demo_members:
            spans[member.pk] = (rng.randint(self.years[0], min(DEMO_CHAIR_FROM, self.years[-1])), self.years[-1])
        demo_chair = next((member for member in demo_members if member.email == CHAIR_EMAIL), None)
        if demo_chair is not None:
            spans[demo_chair.pk] = (self.years[0] + 1, self.years[-1])
        libraries = {member.pk: member.library_id for member in [*demo_members, *new_members]}

        rosters = {year: Roster.objects.get_or_create(year=year)[0] for year in self.years}
        existing = set(RosterEntry.objects.filter(roster__in=rosters.values()).values_list("roster_id", "member_id"))
        chairs = dict(
            RosterEntry.objects.filter(roster__in=rosters.values(), role=RosterRole.CHAIR).values_list(
                "roster__year", "member_id"
            )
        )
        new_ids = {member.pk for member in new_members}
        on_roster = {
            year: sorted(pk for pk, (start, end) in spans.items() if start <= year <= end) for year in self.years
        }
        previous, terms = None, 0
        for year in self.years:
            if year not in chairs:
                if demo_chair is not None and year >= DEMO_CHAIR_FROM:
                    chairs[year] = demo_chair.pk
                elif previous in on_roster[year] and terms < 3 and previous in new_ids:
                    chairs[year] = previous
                else:
                    chairs[year] = rng.choice([pk for pk in on_roster[year] if pk in new_ids] or on_roster[year])
            terms = terms + 1 if chairs[year] == previous else 1
            previous = chairs[year]
        entries = []
        for year in self.years:
            roster = rosters[year]
            has_chair = RosterEntry.objects.filter(roster=roster, role=RosterRole.CHAIR).exists()
            for member_id in on_roster[year]:
                if (roster.pk, member_id) in existing:
                    continue
                is_chair = not has_chair and chairs[year] == member_id
                entries.append(
                    RosterEntry(
                        roster=roster,
                        member_id=member_id,
                        role=RosterRole.CHAIR if is_chair else RosterRole.MEMBER,
                        library_id=libraries.get(member_id),
                    )
                )
        progress = self.progress("rosters", len(entries))
        self.insert(RosterEntry, entries, progress)
        progress.close()
        self.chairs = chairs
        self.roster = {
            year: list(
                RosterEntry.objects.filter(roster__year=year).order_by("member_id").values_list("member_id", flat=True)
            )
            for year in self.years
        }

    def invitations(self, people):
        """Every new account came through an accepted invitation from that year's chair."""
        rng = self.rng
        chair_users = dict(Member.objects.filter(pk__in=self.chairs.values()).values_list("pk", "user_id"))
        invitations, feeds = [], []
        for user, member, _details, start, _end in people:
            sent = member.created_at - timedelta(days=rng.randint(1, 10))
            invitations.append(
                Invitation(
                    member=member,
                    role=Role.MEMBER,
                    token_hash=invitation_token_hash(secrets.token_urlsafe(32)),
                    invited_by_id=chair_users.get(self.chairs[start]),
                    created_at=sent - timedelta(hours=1),
                    sent_at=sent,
                    expires_at=sent + timedelta(days=settings.DIGITUTOR_INVITATION_DAYS),
                    accepted_at=member.created_at,
                )
            )
            if user.is_active and rng.random() < 0.25:
                feeds.append(CalendarFeed(member=member, created_at=member.created_at))  # a secret token of its own
        progress = self.progress("invitations", len(invitations) + len(feeds))
        self.insert(Invitation, invitations, progress)
        self.insert(CalendarFeed, feeds, progress)
        progress.close()

    # --- plans -------------------------------------------------------------------------------------------

    def plans(self):
        rng = self.rng
        self.rates = travel_rates(self.years)

        existing = set(Plan.objects.values_list("year", flat=True))
        plans = [
            Plan(
                year=year,
                title=f"Digitutorien työryhmän toimintasuunnitelma vuodelle {year}",
                subtitle="Varsinais-Suomen ja Satakunnan kirjastot",
                approved_on=date(year, 2, rng.randint(1, 20)),
                published=True,
                publish_roster=rng.random() < 0.5,
                introduction=INTRODUCTION,
                how_the_group_works=HOW_THE_GROUP_WORKS,
                activity_description=ACTIVITY_DESCRIPTION,
                activity_kinds_intro="Tutorien toimintaa on",
                goals_heading=f"Kehittämistavoitteet vuonna {year}",
            )
            for year in self.years
            if year not in existing
        ]
        kinds, goals, actions, targets = [], [], [], []
        for plan in plans:
            kinds += [ActivityKind(plan=plan, order=order, text=text) for order, text in enumerate(ACTIVITY_KINDS, 1)]
            rows = list(GOALS)
            if rng.random() < 0.6:
                title, goal_actions, target = rng.choice(EXTRA_GOALS)
                rows.append((title, goal_actions, [(target, Measure.NONE, None)]))
            for order, (title, goal_actions, goal_targets) in enumerate(rows, start=1):
                goal = Goal(plan=plan, order=order, title=title)
                goals.append(goal)
                actions += [
                    GoalAction(goal=goal, order=number, text=text) for number, text in enumerate(goal_actions, 1)
                ]
                targets += [
                    Target(
                        goal=goal,
                        order=number,
                        text=text.replace("2022", str(plan.year)),
                        measure=measure,
                        target_number=target_number,
                        status=self.target_status(plan.year, measure),
                    )
                    for number, (text, measure, target_number) in enumerate(goal_targets, start=1)
                ]
        progress = self.progress("plans", len(plans) + len(kinds) + len(goals) + len(actions) + len(targets))
        self.insert(Plan, plans, progress)
        self.insert(ActivityKind, kinds, progress)
        self.insert(Goal, goals, progress)
        self.insert(GoalAction, actions, progress)
        self.insert(Target, targets, progress)
        progress.close()

    def target_status(self, year, measure):
        """The portal measures its own targets; the chair has marked the others, done or not, in past years."""
        if measure:
            return TargetStatus.NOT_STARTED
        if year < self.today.year:
            return self.rng.choice([TargetStatus.ACHIEVED, TargetStatus.ACHIEVED, TargetStatus.NOT_ACHIEVED])
        return TargetStatus.IN_PROGRESS

    # --- meetings -----------------------------------------------------------------------------------------

    def meeting_days(self, year, count):
        """Tuesdays to Thursdays outside the summer and the Christmas holidays."""
        day, days = date(year, 1, 10), []
        while day <= date(year, 12, 18):
            if day.weekday() in (1, 2, 3) and not (day.month == 7 or (day.month == 6 and day.day > 20)):
                days.append(day)
            day += timedelta(days=1)
        chosen = self.rng.sample(days, count) if count <= len(days) else self.rng.choices(days, k=count)
        return sorted(chosen)

    def meetings(self):
        rng = self.rng
        total = self.size["meetings"]
        per_year = [total // YEARS + (1 if index >= YEARS - total % YEARS else 0) for index in range(YEARS)]
        meetings = []
        for year, count in zip(self.years, per_year, strict=True):
            for number, day in enumerate(self.meeting_days(year, count), start=1):
                topic = rng.choice(MEETING_TOPICS)
                starts_at = at(day, rng.choice([9, 10, 12, 13, 14]), rng.choice([0, 0, 30]))
                ends_at = starts_at + timedelta(minutes=rng.choice([90, 120, 120, 150, 180]))
                kind = rng.choices(list(FORMATS), list(FORMATS.values()))[0]
                venue = ("", "", "") if kind == MeetingFormat.REMOTE else rng.choice(VENUES)
                published_at = starts_at - timedelta(days=rng.randint(14, 40), hours=rng.randint(0, 8))
                if starts_at < self.now:
                    status = MeetingStatus.CANCELLED if rng.random() < 0.04 else MeetingStatus.HELD
                else:
                    status = MeetingStatus.PUBLISHED if published_at <= self.now else MeetingStatus.DRAFT
                created_at = min(published_at - timedelta(days=rng.randint(3, 30)), self.now - timedelta(hours=1))
                meetings.append(
                    Meeting(
                        title=f"Kokous {number}/{year}: {topic}",
                        starts_at=starts_at,
                        ends_at=ends_at,
                        format=kind,
                        venue_name=venue[0],
                        venue_address=venue[1],
                        venue_municipality=venue[2],
                        remote_link="" if kind == MeetingFormat.IN_PERSON else TEAMS_LINK,
                        remote_instructions="" if kind == MeetingFormat.IN_PERSON else "Liity Teamsissa linkistä.",
                        agenda=f"1. Kokouksen avaus\n2. {topic}\n3. Hyvien käytäntöjen jakaminen\n"
                        "4. Ajankohtaiset asiat\n5. Muut asiat",
                        minutes=f"- {topic}: keskusteltiin ja sovittiin jatkosta.\n"
                        f"- Jaettiin {rng.randint(1, 6)} hyvää käytäntöä.\n- Seuraava kokous sovittiin."
                        if status == MeetingStatus.HELD
                        else "",
                        status=status,
                        published_at=published_at if published_at <= self.now else None,
                        created_at=created_at,
                    )
                )
        answers, register = self.answers_and_register(meetings)
        progress = self.progress("meetings", len(meetings) + len(answers) + len(register))
        self.insert(Meeting, meetings, progress)
        self.insert(AttendanceAnswer, answers, progress)
        self.insert(AttendanceRecord, register, progress)
        progress.close()
        self.held = defaultdict(list)
        for meeting in meetings:
            if meeting.status == MeetingStatus.HELD:
                self.held[meeting.starts_at.year].append(meeting)
        self.meeting_trips = [
            (record.member_id, record.meeting) for record in register if record.mode == AttendanceMode.IN_PERSON
        ]

    def answers_and_register(self, meetings):
        """Answers from the year's roster; a held meeting's register follows the answers, mostly."""
        rng = self.rng
        choices = {
            MeetingFormat.IN_PERSON: ([Answer.IN_PERSON, Answer.NOT_COMING], [80, 20]),
            MeetingFormat.HYBRID: ([Answer.IN_PERSON, Answer.REMOTE, Answer.NOT_COMING], [68, 23, 9]),
            MeetingFormat.REMOTE: ([Answer.REMOTE, Answer.NOT_COMING], [88, 12]),
        }
        notes = ["", "", "", "", "Myöhästyn 15 minuuttia.", "Lähden jo klo 14.", "Tulen kimppakyydillä."]
        answers, register = [], []
        for meeting in meetings:
            if meeting.published_at is None:
                continue
            answering = 0.5 if meeting.status == MeetingStatus.PUBLISHED else 0.88
            kinds, weights = choices[meeting.format]
            for member_id in self.roster[meeting.starts_at.year]:
                answer = rng.choices(kinds, weights)[0] if rng.random() < answering else None
                if answer is not None:
                    answers.append(
                        AttendanceAnswer(
                            meeting=meeting,
                            member_id=member_id,
                            answer=answer,
                            note=rng.choice(notes) if answer != Answer.NOT_COMING else "",
                            updated_at=self.moment_between(meeting.published_at, min(meeting.starts_at, self.now)),
                        )
                    )
                if meeting.status != MeetingStatus.HELD:
                    continue
                mode = None
                if answer == Answer.IN_PERSON and rng.random() < 0.95:
                    mode = AttendanceMode.IN_PERSON
                elif answer == Answer.REMOTE and rng.random() < 0.93:
                    mode = AttendanceMode.REMOTE
                elif answer is None and rng.random() < 0.1:
                    mode = AttendanceMode.REMOTE if meeting.is_remote_possible else AttendanceMode.IN_PERSON
                if mode is not None:
                    register.append(AttendanceRecord(meeting=meeting, member_id=member_id, mode=mode))
        return answers, register

    # --- action days -------------------------------------------------------------------------------------

    def action_days(self):
        rng = self.rng
        existing = {day.year: day for day in ActionDay.objects.all()}
        members = {
            member.pk: member for member in Member.objects.select_related("library").filter(pk__in=self.all_roster())
        }
        days, items, costs = [], [], []
        for index, year in enumerate(self.years):
            if year in existing:
                days.append(existing[year])
                continue
            when = date(year, 5, 12)
            when += timedelta(days=(3 - when.weekday()) % 7 + 7 * rng.randint(0, 1))  # a Thursday in May
            venue = rng.choice(VENUES)
            day = ActionDay(
                year=year,
                theme=ACTION_DAY_THEMES[index % len(ACTION_DAY_THEMES)],
                date=when,
                starts_at=clock(9),
                ends_at=clock(15, 30),
                venue_name=venue[0],
                venue_address=venue[1],
                venue_municipality=venue[2],
                description="Digitutorien toimintapäivä kirjastojen henkilökunnalle.",
                capacity=rng.choice([60, 80, 100, 120]),
                registration_open=when > self.today,
                budget=Decimal(rng.choice([2500, 3000, 3500, 4000])),
                published=True,
            )
            days.append(day)
            for starts_at, ends_at, title, presenter_count, outside in PROGRAMME:
                item = ProgrammeItem(
                    action_day=day, starts_at=starts_at, ends_at=ends_at, title=title, outside_presenters=outside
                )
                presenters = rng.sample(self.roster[year], min(presenter_count, len(self.roster[year])))
                items.append((item, presenters))
            planned = {
                CostCategory.VENUE: Decimal("0.00"),
                CostCategory.CATERING: Decimal(day.capacity * 25),
                CostCategory.SPEAKERS: Decimal("600.00"),
                CostCategory.MATERIALS: Decimal("250.00"),
            }
            for category, amount in planned.items():
                actual = rules.cents(amount * Decimal(rng.uniform(0.85, 1.05))) if when < self.today else None
                costs.append(
                    CostLine(
                        action_day=day, category=category, description=category.label, planned=amount, actual=actual
                    )
                )
        registrations = self.registrations(days, members)
        presenter_count = sum(len(presenters) for _item, presenters in items)
        new_days = [day for day in days if day.pk is None]
        rows = len(new_days) + len(items) + presenter_count + len(costs) + len(registrations)
        progress = self.progress("action days", rows)
        self.insert(ActionDay, new_days, progress)
        self.insert(ProgrammeItem, (item for item, _presenters in items), progress)
        through = ProgrammeItem.presenters.through
        self.insert(
            through,
            (through(programmeitem_id=item.pk, member_id=pk) for item, presenters in items for pk in presenters),
            progress,
        )
        self.insert(CostLine, costs, progress)
        self.insert(Registration, registrations, progress)
        progress.close()

        # Who may claim the trip, as the services say: confirmed registrations and the day's own presenters.
        travelling = defaultdict(set)
        for item, presenters in items:
            travelling[item.action_day.pk].update(presenters)
        for registration in registrations:
            if registration.member is not None and registration.status == RegistrationStatus.CONFIRMED:
                travelling[registration.action_day.pk].add(registration.member.pk)
        self.action_day_trips = [(member_id, day) for day in days for member_id in sorted(travelling[day.pk])]

    def all_roster(self):
        return {member_id for members in self.roster.values() for member_id in members}

    def registrations(self, days, members):
        """Members and other library staff register; past the capacity they wait, and a few cancel."""
        rng = self.rng
        registrations = []
        for day in days:
            taken, confirmed = set(), 0
            if day.pk is not None:
                taken = {
                    email.lower()
                    for email in day.registrations.exclude(status="cancelled").values_list("email", flat=True)
                }
                confirmed = day.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
            people = []
            for member_id in self.roster[day.year]:
                member = members[member_id]
                if rng.random() < 0.35 and member.email not in taken:
                    taken.add(member.email)
                    library = member.library.name if member.library else ""
                    people.append((member.full_name, library, member.email, member))
            for _index in range(round(day.capacity * rng.uniform(0.5, 0.9))):
                first_name, last_name = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
                library, municipality, _region, _size = rng.choice(MORE_LIBRARIES)
                email = demo_email(first_name, last_name).replace("@example.org", f"@{municipality}.example.org")
                if email in taken:
                    continue
                taken.add(email)
                people.append((f"{first_name} {last_name}", library, email, None))
            rng.shuffle(people)
            opened = at(day.date - timedelta(days=60), 9)
            closed = min(at(day.date - timedelta(days=2), 16), self.now)
            moments = sorted(self.moment_between(opened, closed) for _person in people)
            for (name, library, email, member), created_at in zip(people, moments, strict=True):
                cancelled = rng.random() < 0.05
                if cancelled:
                    status = RegistrationStatus.CANCELLED
                elif confirmed < day.capacity:
                    status, confirmed = RegistrationStatus.CONFIRMED, confirmed + 1
                else:
                    status = RegistrationStatus.WAITING
                registrations.append(
                    Registration(
                        action_day=day,
                        name=name,
                        library=library,
                        email=email,
                        dietary_needs=rng.choice(["", "", "", "", "kasvis", "gluteeniton", "laktoositon"]),
                        consent=True,
                        status=status,
                        member=member,
                        created_at=created_at,
                        cancelled_at=self.moment_between(created_at, closed) if cancelled else None,
                    )
                )
        return registrations

    # --- claims ------------------------------------------------------------------------------------------

    def claims(self):
        rng = self.rng
        people = {
            row["pk"]: row
            for row in Member.objects.filter(pk__in=self.all_roster(), user__isnull=False).values(
                "pk", "user_id", "library__name", "library__municipality", "travel_details__home_municipality"
            )
        }
        claimed = set(TravelClaim.objects.values_list("member_id", "meeting_id", "action_day_id"))
        trips = []
        for member_id, meeting in self.meeting_trips:
            if member_id in people and (member_id, meeting.pk, None) not in claimed:
                trips.append(self.meeting_trip(people[member_id], meeting))
        for member_id, day in self.action_day_trips:
            if member_id in people and (member_id, None, day.pk) not in claimed:
                trips.append(self.action_day_trip(people[member_id], day))
        trips = [trip for trip in trips if trip["return_at"] < self.now - timedelta(hours=2)]
        wanted = self.size["claims"]
        if len(trips) < wanted:
            self.out.write(f"Only {len(trips)} trips were made in person; writing that many claims, not {wanted}.\n")
        trips = sorted(rng.sample(trips, min(wanted, len(trips))), key=lambda trip: trip["return_at"])

        treasurer = User.objects.get(email=TREASURER[2])
        chair_users = dict(Member.objects.filter(pk__in=self.chairs.values()).values_list("pk", "user_id"))
        recent = max(len(ClaimStatus), round(len(trips) * RECENT_SHARE))
        must_have = list(ClaimStatus)
        rng.shuffle(must_have)
        claims = []
        for position, trip in enumerate(reversed(trips)):
            if position < len(must_have):
                status = must_have[position]
            else:
                states = OPEN_STATES if position < recent else SETTLED_STATES
                status = rng.choices(list(states), list(states.values()))[0]
            claims.append(self.claim(trip, status, treasurer, chair_users))
        claims.reverse()
        self.write_claims(claims, treasurer)
        self.budgets(claims)

    def trip_places(self, person, destination):
        rng = self.rng
        work, home = person["library__municipality"], person["travel_details__home_municipality"] or ""
        from_home = rng.random() < 0.3 and home
        start, other = (home, work) if from_home else (work, home or work)
        start_place = f"{rng.choice(STREETS)} {rng.randint(1, 60)}, {PLACE_NAMES.get(start, '')}"
        return {
            "trip_starts_from": TripStart.HOME if from_home else TripStart.WORKPLACE,
            "start_place": start_place if from_home else person["library__name"],
            "start": start,
            "distance_from_start_km": self.km(start, destination),
            "distance_from_other_km": self.km(other, destination),
        }

    def meeting_trip(self, person, meeting):
        trip = self.trip_places(person, meeting.venue_municipality)
        hours = trip["distance_from_start_km"] / 65 + 0.3
        departure = meeting.starts_at - timedelta(hours=hours + self.rng.uniform(0.1, 0.5))
        return_at = meeting.ends_at + timedelta(hours=hours + self.rng.uniform(0, 0.75))
        trip.update(
            member=person,
            meeting=meeting,
            action_day=None,
            destination=meeting.venue_municipality,
            departure_at=departure.replace(minute=departure.minute // 5 * 5, second=0, microsecond=0),
            return_at=return_at.replace(minute=return_at.minute // 5 * 5, second=0, microsecond=0),
            free_meals=1 if self.rng.random() < 0.2 else 0,
        )
        return trip

    def action_day_trip(self, person, day):
        trip = self.trip_places(person, day.venue_municipality)
        hours = trip["distance_from_start_km"] / 65 + 0.3
        starts_at, ends_at = at(day.date, day.starts_at.hour), at(day.date, day.ends_at.hour, day.ends_at.minute)
        departure = starts_at - timedelta(hours=hours + self.rng.uniform(0.1, 0.5))
        return_at = ends_at + timedelta(hours=hours + self.rng.uniform(0, 0.75))
        trip.update(
            member=person,
            meeting=None,
            action_day=day,
            destination=day.venue_municipality,
            departure_at=departure.replace(minute=departure.minute // 5 * 5, second=0, microsecond=0),
            return_at=return_at.replace(minute=return_at.minute // 5 * 5, second=0, microsecond=0),
            free_meals=1,
        )
        return trip

    def lines(self, trip):
        """One to three cost lines, at least one with a receipt; car lines need none."""
        rng = self.rng
        distance = trip["distance_from_start_km"]

        def receipted(kind, cost, explanation):
            return kind, {"cost": rules.cents(cost), "explanation": explanation}

        if distance <= 15:
            if rng.random() < 0.5:
                return [receipted(LineKind.TICKET, rng.choice([5.6, 6.0, 6.4]), "Paikallisbussi, meno-paluu")]
            return [receipted(LineKind.PARKING, rng.uniform(3, 12), "Pysäköinti")]
        lines = []
        if rng.random() < 0.55:
            passengers = rng.choices([0, 1, 2], [75, 18, 7])[0]
            km = Decimal(str(round(2 * distance + rng.uniform(0, 6), 1)))
            lines.append((LineKind.CAR, {"km": km, "passengers": passengers}))
            if rng.random() < 0.75:
                lines.append(receipted(LineKind.PARKING, rng.uniform(2, 15), "Pysäköinti"))
            else:
                lines.append(receipted(LineKind.OTHER, rng.uniform(4, 20), rng.choice(OTHER_COSTS)))
        else:
            by = rng.choice(["Linja-auto", "Juna"])
            route = f"{PLACE_NAMES.get(trip['start'], '')}–{PLACE_NAMES.get(trip['destination'], '')}"
            lines.append(receipted(LineKind.TICKET, 0.09 * 2 * distance + 4, f"{by} {route}, meno-paluu"))
        if len(lines) < 3 and rng.random() < 0.2:
            lines.append(receipted(LineKind.OTHER, rng.uniform(8, 28), OTHER_COSTS[0]))
        return lines

    def claim(self, trip, status, treasurer, chair_users):
        """A claim with its lines, amounts by the rules of its year, and its history up to the given state."""
        rng = self.rng
        lines = [ClaimLine(kind=kind, **values) for kind, values in self.lines(trip)]
        member = trip["member"]
        claim = TravelClaim(
            member_id=member["pk"],
            meeting=trip["meeting"],
            action_day=trip["action_day"],
            status=status,
            departure_at=trip["departure_at"],
            return_at=trip["return_at"],
            trip_starts_from=trip["trip_starts_from"],
            start_place=trip["start_place"][:200],
            route=" – ".join(
                PLACE_NAMES.get(place, "") for place in (trip["start"], trip["destination"], trip["start"])
            ),
            distance_from_start_km=Decimal(str(trip["distance_from_start_km"])),
            distance_from_other_km=Decimal(str(trip["distance_from_other_km"])),
            free_meals=trip["free_meals"],
            usual_meal_missed=rng.random() < 0.4,
        )
        # Priced as the services price a claim: by the rates of the trip's year in Finnish time (`rates_for`).
        year = timezone.localtime(claim.departure_at).year
        services.claim_amounts(claim, lines, self.rates[year])

        # The history: nominal delays, squeezed into the time since the trip when it is recent.
        steps = [("created", rng.uniform(2, 24 * 6))]
        if status != ClaimStatus.DRAFT:
            steps.append((ClaimStatus.SUBMITTED, rng.uniform(0.1, 24 * 4)))
            fixed = status in (ClaimStatus.APPROVED, ClaimStatus.PAID) and rng.random() < 0.04
            if status == ClaimStatus.RETURNED or fixed:
                steps.append((ClaimStatus.RETURNED, rng.uniform(4, 24 * 10)))
            if fixed:
                steps.append(("resubmitted", rng.uniform(1, 24 * 5)))
            if status in (ClaimStatus.APPROVED, ClaimStatus.PAID):
                steps.append((ClaimStatus.APPROVED, rng.uniform(4, 24 * 12)))
        room = (self.now - claim.return_at).total_seconds() / 3600 * 0.8
        squeeze = min(1, room / sum(hours for _step, hours in steps))
        moment, times = claim.return_at, {}
        for step, hours in steps:
            moment += timedelta(hours=hours * squeeze)
            times[step] = moment
        claim.created_at = times["created"]
        member_user = member["user_id"]
        chair_user = chair_users.get(self.chairs.get(year))
        # Four eyes: the treasurer pays, so the chair approves, except her own claims (the treasurer approves those).
        approver = chair_user if chair_user and chair_user != member_user else treasurer.pk
        events = []
        if status != ClaimStatus.DRAFT:
            claim.submitted_at = times[ClaimStatus.SUBMITTED]
            events.append((member_user, ClaimStatus.DRAFT, ClaimStatus.SUBMITTED, "", claim.submitted_at))
        if ClaimStatus.RETURNED in times:
            reason = rng.choice(RETURN_REASONS)
            events.append((approver, ClaimStatus.SUBMITTED, ClaimStatus.RETURNED, reason, times[ClaimStatus.RETURNED]))
            claim.return_reason = reason
        if "resubmitted" in times:
            claim.submitted_at, claim.return_reason = times["resubmitted"], ""
            events.append((member_user, ClaimStatus.RETURNED, ClaimStatus.SUBMITTED, "", claim.submitted_at))
        if ClaimStatus.APPROVED in times:
            claim.approved_at, claim.approved_by_id = times[ClaimStatus.APPROVED], approver
            events.append((approver, ClaimStatus.SUBMITTED, ClaimStatus.APPROVED, "", claim.approved_at))
        claim.updated_at = max(moment for *_rest, moment in events) if events else claim.created_at
        return claim, lines, events

    def payment_day(self, approved_at):
        """Payments go out on the 5th and the 20th of a month, a few days after approval at the earliest."""
        earliest = timezone.localdate(approved_at) + timedelta(days=self.rng.randint(2, 10))
        day = earliest
        while day.day not in (5, 20):
            day += timedelta(days=1)
        return min(day, self.today)

    def write_claims(self, claims, treasurer):
        rng = self.rng
        # Paid claims go out in batches by payment day; some approved ones wait in a batch not yet paid.
        batches = {}
        for claim, _lines, _events in claims:
            if claim.status == ClaimStatus.PAID:
                claim.paid_on, claim.paid_by_id = self.payment_day(claim.approved_at), treasurer.pk
                batches.setdefault(claim.paid_on, []).append(claim)
        open_claims = [claim for claim, *_rest in claims if claim.status == ClaimStatus.APPROVED and rng.random() < 0.5]
        batch_rows = []
        for paid_on, paid in sorted(batches.items()):
            latest = max(claim.approved_at for claim in paid)
            created_at = max(at(paid_on - timedelta(days=1), 14), latest + timedelta(minutes=5))
            batch = PaymentBatch(created_by=treasurer, paid_on=paid_on, created_at=min(created_at, self.now))
            batch_rows.append((batch, paid))
        if open_claims:
            created_at = min(max(claim.approved_at for claim in open_claims) + timedelta(hours=1), self.now)
            batch_rows.append((PaymentBatch(created_by=treasurer, paid_on=None, created_at=created_at), open_claims))
        for claim, _lines, events in claims:
            if claim.status == ClaimStatus.PAID:
                paid_at = max(at(claim.paid_on, 10), claim.approved_at + timedelta(minutes=10))
                paid_at = min(paid_at, max(self.now, claim.approved_at + timedelta(minutes=1)))
                events.append((treasurer.pk, ClaimStatus.APPROVED, ClaimStatus.PAID, "", paid_at))
                claim.updated_at = paid_at

        line_count = sum(len(lines) for _claim, lines, _events in claims)
        receipt_count = sum(1 for _claim, lines, _events in claims for line in lines if line.kind != LineKind.CAR)
        event_count = sum(len(events) for _claim, _lines, events in claims)
        progress = self.progress("claims", len(batch_rows) + len(claims) + line_count + receipt_count + event_count)
        self.insert(PaymentBatch, (batch for batch, _paid in batch_rows), progress)
        for batch, paid in batch_rows:
            for claim in paid:
                claim.batch = batch
        self.insert(TravelClaim, (claim for claim, _lines, _events in claims), progress)
        for claim, lines, _events in claims:
            for line in lines:
                line.claim = claim
        self.insert(ClaimLine, (line for _claim, lines, _events in claims for line in lines), progress)
        self.insert(Receipt, self.receipts(claims), progress)
        self.insert(
            ClaimEvent,
            (
                ClaimEvent(claim=claim, actor_id=actor, from_status=old, to_status=new, reason=reason, at=moment)
                for claim, _lines, events in claims
                for actor, old, new, reason, moment in events
            ),
            progress,
        )
        progress.close()

    def receipts(self, claims):
        """Each receipt is its own file in private storage under a random name, as an upload would be."""
        rng = self.rng
        files = receipt_files()
        for claim, lines, _events in claims:
            for line in lines:
                if line.kind == LineKind.CAR:
                    continue
                data, extension, content_type, sha256 = rng.choice(files)
                original_name = f"{rng.choice(['kuitti', 'lippu', 'IMG_' + str(rng.randint(1000, 9999))])}.{extension}"
                receipt = Receipt(
                    line=line,
                    original_name=original_name,
                    content_type=content_type,
                    size=len(data),
                    sha256=sha256,
                    uploaded_at=claim.created_at + timedelta(minutes=rng.randint(1, 30)),
                )
                # Saved under a random name by the field's own upload_to and storage, as an upload is.
                receipt.file.save(original_name, ContentFile(data), save=False)
                yield receipt

    def budgets(self, claims):
        """Each year's grants, a little above what was claimed; budgets already there are kept."""
        spent = Counter()
        for claim, _lines, _events in claims:
            source = FundingSource.AKE_GRANT if claim.meeting_id else FundingSource.TURKU_AKE
            spent[(timezone.localtime(claim.departure_at).year, source)] += claim.total
        for year in self.years:
            for source in FundingSource:
                granted = math.ceil(float(spent[(year, source)]) * self.rng.uniform(1.05, 1.3) / 100) * 100
                Budget.objects.get_or_create(year=year, source=source, defaults={"granted": Decimal(max(granted, 500))})

    # --- evidence ----------------------------------------------------------------------------------------

    def evidence(self):
        rng = self.rng
        existing = {tag.name: tag for tag in Tag.objects.all()}
        new_tags = [Tag(name=name) for name in TAGS if name not in existing]
        practices, trainings = [], []
        weights = [1 + index * 0.25 for index in range(len(self.years))]
        users = dict(Member.objects.filter(pk__in=self.all_roster()).values_list("pk", "user_id"))
        for _index in range(self.size["practices"]):
            year = rng.choices(self.years, weights)[0]
            held = [meeting for meeting in self.held[year] if meeting.starts_at < self.now]
            meeting = rng.choice(held) if held and rng.random() < 0.8 else None
            if meeting is not None:
                created_at = meeting.ends_at + timedelta(hours=rng.uniform(0.5, 48))
            else:
                created_at = self.moment_between(at(date(year, 1, 10), 8), min(at(date(year, 12, 20), 16), self.now))
            method, topic = rng.choice(PRACTICE_METHODS), rng.choice(PRACTICE_TOPICS)
            bullets = "\n".join(f"- {bullet}" for bullet in rng.sample(PRACTICE_BULLETS, rng.randint(1, 3)))
            practices.append(
                (
                    GoodPractice(
                        title=f"{method}: {topic}",
                        description=" ".join(rng.sample(PRACTICE_DETAILS, rng.randint(2, 4))) + "\n\n" + bullets,
                        shared_by_id=rng.choice(self.roster[year]),
                        meeting=meeting,
                        created_at=min(created_at, self.now),
                    ),
                    rng.sample(TAGS, rng.randint(1, 3)),
                )
            )
        for _index in range(self.size["trainings"]):
            year = rng.choices(self.years, weights)[0]
            latest = min(date(year, 12, 15), self.today)
            day = date(year, 1, 15) + timedelta(days=rng.randint(0, max(0, (latest - date(year, 1, 15)).days)))
            member_id = rng.choice(self.roster[year])
            shared = rng.choice(PRACTICE_DETAILS) if rng.random() < 0.6 else ""
            trainings.append(
                Training(
                    title=rng.choice(TRAINING_TITLES),
                    date=day,
                    member_id=member_id,
                    shared_afterwards=shared,
                    created_by_id=users[member_id],
                    created_at=min(at(day, 16) + timedelta(days=rng.randint(0, 20)), self.now),
                )
            )
        tag_count = sum(len(names) for _practice, names in practices)
        progress = self.progress("evidence", len(new_tags) + len(practices) + tag_count + len(trainings))
        self.insert(Tag, new_tags, progress)
        tags = {tag.name: tag for tag in Tag.objects.filter(name__in=TAGS)}
        self.insert(GoodPractice, (practice for practice, _names in practices), progress)
        through = GoodPractice.tags.through
        self.insert(
            through,
            (
                through(goodpractice_id=practice.pk, tag_id=tags[name].pk)
                for practice, names in practices
                for name in names
            ),
            progress,
        )
        self.insert(Training, trainings, progress)
        progress.close()


class Refused(Exception):
    """The database already holds more than the demo, and `force` was not given."""


def generate(*, scale=1.0, seed=1, now=None, force=False, progress_every=10_000, out=None):
    """The demo, then one load data set on top; prints what it wrote and the logins. Returns the Generator."""
    out = out or sys.stdout
    if scale <= 0:
        raise ValueError("The scale must be above 0.")
    if holds_more_than_the_demo() and not force:
        raise Refused(
            "The database holds more than the seed's 2022 demo (load_demo also builds the current year, which the "
            "load data makes itself): run on an empty (migrated) database or one with the 2022 demo alone, "
            "or with --force to add one more load data set on top."
        )
    started = time.monotonic()
    demo_people = [demo_email(first_name, last_name) for first_name, last_name, _place in ROSTER_2022]
    chair, treasurer = CHAIR_EMAIL, TREASURER[2]
    if User.objects.filter(email__in=[*demo_people, treasurer]).count() < len(demo_people) + 1:
        # Only when missing: for existing accounts the demo checks each password, as slow as hashing it.
        load_people(password=settings.DEMO_PASSWORD)
    # The seed's year alone: the generator makes the years around it, the current one included.
    seed_only = DemoCalendar(today=date(SEED_YEAR, 12, 31))
    load_meetings(calendar=seed_only)
    load_action_day(calendar=seed_only)
    load_claims(calendar=seed_only)
    load_plans(calendar=seed_only)
    generator = Generator(scale=scale, seed=seed, now=now or timezone.now(), progress_every=progress_every, out=out)
    generator.timings.append(("demo", time.monotonic() - started))
    generator.run()
    elapsed = time.monotonic() - started
    out.write(f"Load data generated in {elapsed:.1f} s (scale {scale}, seed {seed}).\n")
    out.write("  " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in generator.timings) + "\n")
    for label, count in sorted(generator.created.items()):
        out.write(f"  {label:<34} {count:>7}\n")
    generated = generator.created_users.filter(is_active=True).values_list("email", flat=True)[:3]
    member = next(email for email in demo_people if email != chair)
    out.write(f"Log in at {settings.SITE_URL.rstrip('/')}/ with:\n")
    out.write(f"  {Role.CHAIR.value:<10} {chair}\n")
    out.write(f"  {Role.TREASURER.value:<10} {treasurer}\n")
    out.write(f"  {Role.MEMBER.value:<10} {member}, or a generated one: {', '.join(generated)}, …\n")
    out.write(f"  password   {settings.DEMO_PASSWORD}\n")
    return generator
