from pathlib import Path

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError

from members.models import MunicipalityField
from members.municipalities import MERGERS, MunicipalityFileError, current, list_years, read_list, write_list

# Finland has had between 300 and 450 municipalities since the 1990s: a file far outside that is not the list.
FEWEST, MOST = 250, 500


class Command(BaseCommand):
    help = (
        "Load the municipalities valid from 1 January of a year (Statistics Finland's classification, kuntaluokitus) "
        "from a CSV file with the columns code, name_fi and name_sv; it becomes members/data/municipalities_<year>.csv."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="CSV file: code, name_fi, name_sv (comma or semicolon separated)")
        parser.add_argument("--year", type=int, required=True, help="the year the list is valid for")
        parser.add_argument("--replace", action="store_true", help="replace that year's list if there is one")

    def handle(self, *args, file, year, replace, **options):
        in_force_year, in_force = current()
        if year < in_force_year:
            raise CommandError(f"The list of {in_force_year} is already in force; load {in_force_year} or later.")
        if year in list_years() and not replace:
            raise CommandError(f"There is already a list for {year}; add --replace to load it again.")
        try:
            text = _read_text(file)
            rows = read_list(text, known_keys={municipality.code: municipality.key for municipality in in_force})
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror or error}.") from error
        except MunicipalityFileError as error:
            raise CommandError(f"{file} was not loaded: {error}") from error
        if not FEWEST <= len(rows) <= MOST:
            raise CommandError(
                f"{file} was not loaded: it has {len(rows)} municipalities, Finland has between {FEWEST} and {MOST}; "
                "is it the whole classification?"
            )
        path = write_list(year, rows)
        self.stdout.write(f"Loaded {len(rows)} municipalities valid from 1.1.{year} into {path}.")
        self._report_gone(in_force, rows)

    def _report_gone(self, before, after):
        """Name the municipalities that are no longer on the list and the rows that still point to them."""
        kept = {municipality.key for municipality in after}
        for municipality in before:
            if municipality.key in kept:
                continue
            rows = sum(
                model._default_manager.filter(**{field.name: municipality.key}).count()
                for model in apps.get_models()
                for field in model._meta.concrete_fields
                if isinstance(field, MunicipalityField)
            )
            successor = MERGERS.get(municipality.key, (None, None))[0]
            self.stdout.write(
                self.style.WARNING(
                    f"{municipality.name_fi} ({municipality.code}) is not on the new list; {rows} row(s) point to it. "
                    + (
                        f"Add a data migration moving them to {successor}."
                        if successor
                        else "Add it to members.municipalities.MERGERS with its successor and a data migration "
                        "moving the rows (see members/migrations/0008_municipalities_2026.py)."
                    )
                )
            )


def _read_text(path):
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252")  # Statistics Finland's older text files
