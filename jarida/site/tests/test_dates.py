"""Dates as Arabic readers read them: weekday, day, month and year in the site's zone and
digit style, the Hijri date beside them. Labels are memoized; a change of zone, digit
style or language must never serve a label made under another."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.utils import timezone, translation

from jarida.site.templatetags.jarida import arabic_date, hijri_date, time_tag, today_line

MOMENT = datetime(2026, 11, 25, 21, 30, tzinfo=UTC)  # Wednesday evening in UTC


def test_it_writes_the_date_in_the_sites_zone_and_digits(settings):
    settings.JARIDA_DIGITS = "arabic-indic"
    with timezone.override("Asia/Riyadh"):  # already Thursday 00:30 there
        assert arabic_date(MOMENT) == "الخميس ٢٦ نوفمبر ٢٠٢٦، ٠٠:٣٠"
        assert arabic_date(MOMENT, False) == "الخميس ٢٦ نوفمبر ٢٠٢٦"
    with timezone.override("UTC"):  # the same instant, memoized: still its own zone
        assert arabic_date(MOMENT) == "الأربعاء ٢٥ نوفمبر ٢٠٢٦، ٢١:٣٠"
    settings.JARIDA_DIGITS = "western"
    with timezone.override("UTC"):
        assert arabic_date(MOMENT) == "الأربعاء 25 نوفمبر 2026، 21:30"


def test_it_writes_the_hijri_date_of_the_local_day(settings):
    settings.JARIDA_DIGITS = "western"
    with timezone.override("UTC"):
        wednesday = hijri_date(MOMENT)
    with timezone.override("Asia/Riyadh"):
        thursday = hijri_date(MOMENT)
    assert wednesday.endswith("هـ") and thursday.endswith("هـ")
    assert wednesday != thursday  # one local day later


def test_the_time_tag_carries_the_machine_readable_moment(settings):
    settings.JARIDA_DIGITS = "arabic-indic"
    with timezone.override("Asia/Riyadh"):
        html = time_tag(MOMENT, hijri=True)
    assert html.startswith('<time datetime="2026-11-26T00:30:00+03:00">الخميس ٢٦ نوفمبر')
    assert '<span class="hijri">(' in html


def test_the_masthead_date_follows_the_clock_and_the_language(settings):
    settings.JARIDA_DIGITS = "western"
    with timezone.override("UTC"):
        with time_machine.travel(MOMENT, tick=False):
            assert today_line().startswith("الأربعاء 25 نوفمبر 2026 - ")
        with time_machine.travel(datetime(2026, 11, 26, 8, tzinfo=UTC), tick=False):
            assert today_line().startswith("الخميس 26 نوفمبر 2026 - ")
            with translation.override("en"):
                assert today_line().startswith("Thursday 26 November 2026 - ")


@pytest.mark.parametrize("empty", [None, ""])
def test_no_date_prints_nothing(empty):
    assert arabic_date(empty) == "" and hijri_date(empty) == "" and time_tag(empty) == ""
