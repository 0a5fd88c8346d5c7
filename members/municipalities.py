"""Finland's municipalities: Statistics Finland's classification (kuntaluokitus), kept as one data file per year.

members/data/municipalities_<year>.csv holds the classification valid from 1 January of that year: the
three-digit code, the key stored in the database (the Finnish name in lowercase ASCII, as django-localflavor
spelled it, so rows written before this list keep their value), and the Finnish and Swedish names. The newest
file is the list in force; `manage.py load_municipalities` adds next year's. When municipalities merge, a data
migration moves the rows pointing to the old ones (MERGERS below records every merger since django-localflavor's
list, which the portal used before).
"""

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import get_language
from django.utils.translation import gettext as _

DATA_DIR = Path(__file__).resolve().parent / "data"
FILE_PATTERN = re.compile(r"^municipalities_(\d{4})\.csv$")
COLUMNS = ["code", "key", "name_fi", "name_sv"]

# Every municipality of django-localflavor's list (about 2010) that no longer exists: its key, the key of the
# municipality it joined and the year the merger took effect (Länsi-Turunmaa only took the name Parainen in 2012,
# code 445 unchanged). The keys that left are exactly those of localflavor's list missing from the 2026 file; the
# successors are the mergers as the Ministry of Finance and Statistics Finland announced them year by year
# (Pertunmaa → Mäntyharju is the only change between the 309 municipalities of 2021-2025 and the 308 of 2026).
MERGERS = {
    "artjarvi": ("orimattila", 2011),
    "karttula": ("kuopio", 2011),
    "kuhmalahti": ("kangasala", 2011),
    "kylmakoski": ("akaa", 2011),
    "oravainen": ("voyri", 2011),
    "varpaisjarvi": ("lapinlahti", 2011),
    "voyri-maksamaa": ("voyri", 2011),
    "lansi-turunmaa": ("parainen", 2012),
    "haukipudas": ("oulu", 2013),
    "karjalohja": ("lohja", 2013),
    "kerimaki": ("savonlinna", 2013),
    "kiikoinen": ("sastamala", 2013),
    "kiiminki": ("oulu", 2013),
    "nilsia": ("kuopio", 2013),
    "nummi-pusula": ("lohja", 2013),
    "oulunsalo": ("oulu", 2013),
    "punkaharju": ("savonlinna", 2013),
    "ristiina": ("mikkeli", 2013),
    "suomenniemi": ("mikkeli", 2013),
    "toysa": ("alavus", 2013),
    "vihanti": ("raahe", 2013),
    "vahakyro": ("vaasa", 2013),
    "yli-ii": ("oulu", 2013),
    "maaninka": ("kuopio", 2015),
    "lavia": ("pori", 2015),
    "tarvasjoki": ("lieto", 2015),
    "hameenkoski": ("hollola", 2016),
    "jalasjarvi": ("kurikka", 2016),
    "koylio": ("sakyla", 2016),
    "nastola": ("lahti", 2016),
    "juankoski": ("kuopio", 2017),
    "luvia": ("eurajoki", 2017),
    "kesalahti": ("kitee", 2020),
    "valtimo": ("nurmes", 2020),
    "honkajoki": ("kankaanpaa", 2021),
    "pertunmaa": ("mantyharju", 2026),
}


@dataclass(frozen=True)
class Municipality:
    code: str
    key: str
    name_fi: str
    name_sv: str

    @property
    def name(self):
        """The name in the page's language: Swedish on Swedish pages, otherwise Finnish (English uses it too)."""
        return self.name_sv if (get_language() or "").startswith("sv") else self.name_fi


class MunicipalityFileError(ValueError):
    """A municipality list that cannot be used; the message says what is wrong, for the operator."""


def key_for(name_fi):
    """The stored key of a new municipality: its Finnish name in lowercase ASCII without spaces."""
    ascii_name = unicodedata.normalize("NFKD", name_fi.casefold()).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9-]", "", ascii_name)


def list_years():
    return sorted(int(match[1]) for path in DATA_DIR.iterdir() if (match := FILE_PATTERN.match(path.name)))


@cache
def current():
    """(year, municipalities) of the newest list."""
    year = list_years()[-1]
    return year, read_list((DATA_DIR / f"municipalities_{year}.csv").read_text(encoding="utf-8"))


def municipalities():
    return current()[1]


@cache
def _by_key():
    return {municipality.key: municipality for municipality in municipalities()}


def municipality_name(key):
    """The name of the municipality stored as key, in the page's language; an unknown key as it is."""
    municipality = _by_key().get(key)
    return municipality.name if municipality else key


_SORT_LETTERS = str.maketrans({"å": "z\u0001", "ä": "z\u0002", "ö": "z\u0003", "ü": "y"})


def _sort_key(name):
    """Finnish and Swedish alphabetical order: å, ä and ö come after z."""
    return name.casefold().translate(_SORT_LETTERS)


@cache
def _choices(language):
    field = "name_sv" if language.startswith("sv") else "name_fi"
    rows = sorted(municipalities(), key=lambda municipality: _sort_key(getattr(municipality, field)))
    return [(municipality.key, getattr(municipality, field)) for municipality in rows]


def municipality_choices():
    """(key, name) of today's municipalities in the page's language and its alphabetical order."""
    return _choices(get_language() or "fi")


def read_list(text, *, known_keys=None):
    """The municipalities in a CSV text; raises MunicipalityFileError saying what is wrong.

    Columns (a header row, comma or semicolon separated): code, name_fi, name_sv, and optionally key. A row
    without a key keeps the key its code has in known_keys (code -> key), or gets one made from the Finnish name.
    """
    known_keys = known_keys or {}
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise MunicipalityFileError(_("The file is empty."))
    delimiter = ";" if text.splitlines()[0].count(";") > text.splitlines()[0].count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [name.strip().lower() for name in reader.fieldnames or []]
    missing = [column for column in ("code", "name_fi", "name_sv") if column not in header]
    if missing:
        raise MunicipalityFileError(
            _("The first row must name the columns code, name_fi and name_sv; missing: %(columns)s.")
            % {"columns": ", ".join(missing)}
        )
    reader.fieldnames = header
    result, codes, keys = [], set(), set()
    for line, row in enumerate(reader, start=2):
        code = (row.get("code") or "").strip()
        name_fi, name_sv = (row.get("name_fi") or "").strip(), (row.get("name_sv") or "").strip()
        if not re.fullmatch(r"\d{3}", code):
            raise MunicipalityFileError(
                _("Row %(line)s: the code must be three digits, not “%(code)s”.") % {"line": line, "code": code}
            )
        if not name_fi or not name_sv:
            raise MunicipalityFileError(
                _("Row %(line)s: both the Finnish and the Swedish name are needed.") % {"line": line}
            )
        key = (row.get("key") or "").strip() or known_keys.get(code) or key_for(name_fi)
        if code in codes or key in keys:
            raise MunicipalityFileError(
                _("Row %(line)s: %(name)s (%(code)s) appears twice.") % {"line": line, "name": name_fi, "code": code}
            )
        codes.add(code)
        keys.add(key)
        result.append(Municipality(code=code, key=key, name_fi=name_fi, name_sv=name_sv))
    if not result:
        raise MunicipalityFileError(_("The file has no municipalities."))
    return result


def write_list(year, rows):
    """Write rows as the list valid from 1 January of year; returns the file's path."""
    path = DATA_DIR / f"municipalities_{year}.csv"
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(COLUMNS)
        for municipality in sorted(rows, key=lambda municipality: municipality.code):
            writer.writerow([getattr(municipality, column) for column in COLUMNS])
    forget_cached_list()
    return path


def forget_cached_list():
    current.cache_clear()
    _by_key.cache_clear()
    _choices.cache_clear()
