"""The demo's current year: the days its made-up meetings, claims and action day fall on, counted from today.

The seed's 2022 plan stays as history; beside it `load_demo` builds the year it is run in. Everything is placed
relative to the day it is loaded, so that whatever the day, there is a meeting behind (held, with a register and
claims) and one ahead (with answers), and an action day ahead whose registration is open:

- the last meeting is on the Tuesday three weeks or more before today, the next on the Tuesday three weeks or more
  after it. In the first weeks of January the last meeting was therefore in December of the year before, and in
  the last weeks of December the next one is in January; the pages then show the latest year with figures and
  say which (issue 16, item 2);
- the action day is on the Thursday six weeks or more after today, so that there is time to register: from
  mid-November on it falls early next year and is next year's action day, since an action day in the past cannot
  take registrations;
- a claim for the last meeting is submitted two days after it, decided a week after it and paid two weeks after
  it: a week before today at the latest, so no date of the workflow is ever in the future.
"""

from dataclasses import dataclass
from datetime import date, timedelta

SEED_YEAR = 2022
TUESDAY, THURSDAY = 1, 3

FINNISH_MONTHS_GENITIVE = [
    "Tammikuun",
    "Helmikuun",
    "Maaliskuun",
    "Huhtikuun",
    "Toukokuun",
    "Kesäkuun",
    "Heinäkuun",
    "Elokuun",
    "Syyskuun",
    "Lokakuun",
    "Marraskuun",
    "Joulukuun",
]


def _on_or_before(day, weekday):
    return day - timedelta(days=(day.weekday() - weekday) % 7)


def _on_or_after(day, weekday):
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def meeting_title(day):
    """A demo meeting is named by its month, "Marraskuun kokous 2026": two demo meetings never share a month."""
    return f"{FINNISH_MONTHS_GENITIVE[day.month - 1]} kokous {day.year}"


@dataclass(frozen=True)
class DemoCalendar:
    today: date

    @property
    def year(self):
        return self.today.year

    @property
    def builds_current_year(self):
        """In the seed's own year (or a clock set before it) the seed is the current year: nothing to add."""
        return self.year > SEED_YEAR

    @property
    def last_meeting_day(self):
        return _on_or_before(self.today - timedelta(weeks=3), TUESDAY)

    @property
    def next_meeting_day(self):
        return _on_or_after(self.today + timedelta(weeks=3), TUESDAY)

    @property
    def action_day(self):
        return _on_or_after(self.today + timedelta(weeks=6), THURSDAY)

    def claim_dates(self, trip_day):
        """(submitted, decided, paid) for a claim of a trip on trip_day: in order, and never after today."""
        submitted, decided, paid = (trip_day + timedelta(days=days) for days in (2, 7, 14))
        return submitted, min(decided, self.today), min(paid, self.today)
