"""Hijri dates (Umm al-Qura calendar) for display beside Gregorian ones."""

from dataclasses import dataclass
from datetime import date

from hijridate import Gregorian


@dataclass(frozen=True)
class HijriDate:
    year: int
    month: int
    day: int
    month_name: str

    def __str__(self) -> str:
        return f"{self.day} {self.month_name} {self.year} هـ"


def hijri_from_gregorian(day: date) -> HijriDate | None:
    """The Umm al-Qura date of a Gregorian day, or None outside the calendar's range
    (1343–1500 AH, about 1924–2077)."""
    try:
        h = Gregorian(day.year, day.month, day.day).to_hijri()
    except (OverflowError, ValueError):
        return None
    return HijriDate(year=h.year, month=h.month, day=h.day, month_name=h.month_name("ar"))
