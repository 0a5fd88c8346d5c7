"""The demo action days: 2022's, held, and the coming one with registration open; made up, but plausible."""

from datetime import date, time
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from digitutor.demo_calendar import DemoCalendar
from meetings.actionday.models import ActionDay, CostCategory, CostLine, ProgrammeItem, Registration, RegistrationStatus
from members.demo import members_named


@transaction.atomic
def load_action_day(*, calendar: DemoCalendar):
    """The 2022 action day with its programme, registrations and costs; and the coming one, open to register."""
    _load_action_day_2022()
    if calendar.builds_current_year:
        _load_coming_action_day(calendar)


def _load_coming_action_day(calendar):
    day = calendar.action_day
    action_day, created = ActionDay.objects.get_or_create(
        year=day.year,
        defaults={
            "theme": "Tekoäly ja digituki – mitä asiakas kysyy nyt",
            "date": day,
            "starts_at": time(9),
            "ends_at": time(15),
            "venue_name": "Porin kaupunginkirjasto, Satakunnan sali",
            "venue_address": "Gallen-Kallelankatu 12",
            "venue_municipality": "pori",
            "description": "Digitutorien toimintapäivä kirjastojen henkilökunnalle: tekoälysovellukset, "
            "sähköinen asiointi ja asiakkaiden digiopastuksen hyvät käytännöt.",
            "capacity": 40,
            "registration_open": True,
            "budget": Decimal("2500.00"),
            "published": True,
        },
    )
    if not created:
        return
    programme = [
        (time(9), time(9, 30), "Aamukahvi ja tervetuloa", [], ""),
        (time(9, 30), time(10, 30), "Tekoälysovellukset asiakasopastuksessa", [],
         "Asiantuntija, Satakunnan ammattikorkeakoulu"),
        (time(10, 45), time(11, 45), "Sähköinen asiointi: kokemuksia Turusta", ["Janne Blomqvist", "Maija Tapio"], ""),
        (time(12, 30), time(14, 30), "Työpaja: digituen kysymyspankki", ["Aija Ameer", "Till Paala"], ""),
        (time(14, 30), time(15), "Päivän yhteenveto", ["Anne Heino"], ""),
    ]  # fmt: skip
    for starts_at, ends_at, title, presenters, outside in programme:
        item = ProgrammeItem.objects.create(
            action_day=action_day, starts_at=starts_at, ends_at=ends_at, title=title, outside_presenters=outside
        )
        item.presenters.set(members_named(*presenters))
    for member in members_named("Elise Nuotio", "Vesa Taimi", "Sinikka Huttunen"):
        Registration.objects.create(
            action_day=action_day,
            name=member.full_name,
            library=member.library.name,
            email=member.email,
            consent=True,
            status=RegistrationStatus.CONFIRMED,
            confirmed_at=timezone.now(),  # through the emailed link
            member=member,
        )
    Registration.objects.create(
        action_day=action_day,
        name="Sari Laine",
        library="Uudenkaupungin kaupunginkirjasto",
        email="sari.laine@example.org",
        consent=True,
        status=RegistrationStatus.CONFIRMED,
        confirmed_at=timezone.now(),  # through the emailed link
    )
    costs = [
        (CostCategory.VENUE, "Satakunnan salin vuokra", "0.00"),
        (CostCategory.CATERING, "Aamukahvi ja lounas, 40 hlö", "1300.00"),
        (CostCategory.SPEAKERS, "Ulkopuolisen puhujan palkkio", "600.00"),
    ]
    for category, description, planned in costs:
        CostLine.objects.create(
            action_day=action_day, category=category, description=description, planned=Decimal(planned)
        )


def _load_action_day_2022():
    action_day, created = ActionDay.objects.get_or_create(
        year=2022,
        defaults={
            "theme": "Digituki arjessa – uudet laitteet ja sovellukset",
            "date": date(2022, 5, 19),
            "starts_at": time(9),
            "ends_at": time(15, 30),
            "venue_name": "Turun pääkirjasto, Studio",
            "venue_address": "Linnankatu 2",
            "venue_municipality": "turku",
            "description": "Digitutorien toimintapäivä kirjastojen henkilökunnalle: tutustumme uusiin "
            "sovelluksiin ja laitteisiin ja jaamme asiakkaiden digiopastuksen hyviä käytäntöjä.",
            "capacity": 40,
            "registration_open": False,
            "budget": Decimal("2500.00"),
            "published": True,
        },
    )
    if not created:
        return
    programme = [
        (time(9), time(9, 30), "Aamukahvi ja tervetuloa", "", [], ""),
        (time(9, 30), time(10, 30), "Tekoäly asiakasopastuksessa", "Mitä kirjastolaisen kannattaa tietää.", [],
         "Asiantuntija, Turun ammattikorkeakoulu"),
        (time(10, 45), time(11, 45), "Etäopastus puhelimella – kokemuksia Porista", "",
         ["Aija Ameer", "Tuomas Kumpula"], ""),
        (time(12, 30), time(13, 30), "Työpaja: sähköinen tunnistautuminen ja Suomi.fi", "",
         ["Maija Tapio", "Janne Blomqvist"], ""),
        (time(13, 45), time(15), "Laitekokeilut: lukulaitteet ja tabletit", "", ["Elena Iso-Oja"], ""),
        (time(15), time(15, 30), "Päivän yhteenveto", "", ["Anne Heino"], ""),
    ]  # fmt: skip
    for starts_at, ends_at, title, description, presenters, outside in programme:
        item = ProgrammeItem.objects.create(
            action_day=action_day,
            starts_at=starts_at,
            ends_at=ends_at,
            title=title,
            description=description,
            outside_presenters=outside,
        )
        item.presenters.set(members_named(*presenters))
    for member in members_named("Aija Ameer", "Maija Tapio", "Elena Iso-Oja", "Mikko Liimatainen", "Till Paala"):
        Registration.objects.create(
            action_day=action_day,
            name=member.full_name,
            library=member.library.name,
            email=member.email,
            consent=True,
            status=RegistrationStatus.CONFIRMED,
            confirmed_at=timezone.now(),  # through the emailed link
            member=member,
        )
    outsiders = [
        ("Sari Laine", "Uudenkaupungin kaupunginkirjasto", "sari.laine@example.org", "kasvis"),
        ("Jukka Rinne", "Rauman kaupunginkirjasto", "jukka.rinne@example.org", ""),
        ("Helena Koski", "Salon kaupunginkirjasto", "helena.koski@example.org", "gluteeniton"),
    ]
    for name, library, email, diet in outsiders:
        Registration.objects.create(
            action_day=action_day,
            name=name,
            library=library,
            email=email,
            dietary_needs=diet,
            consent=True,
            status=RegistrationStatus.CONFIRMED,
            confirmed_at=timezone.now(),  # through the emailed link
        )
    costs = [
        (CostCategory.VENUE, "Studion vuokra", "0.00", "0.00"),
        (CostCategory.CATERING, "Aamukahvi ja lounas, 40 hlö", "1200.00", "1085.60"),
        (CostCategory.SPEAKERS, "Ulkopuolisen puhujan palkkio", "600.00", "600.00"),
        (CostCategory.MATERIALS, "Laitekokeilujen tarvikkeet", "250.00", "212.35"),
    ]
    for category, description, planned, actual in costs:
        CostLine.objects.create(
            action_day=action_day,
            category=category,
            description=description,
            planned=Decimal(planned),
            actual=Decimal(actual),
        )
