"""Weekly tables and séances, computed from the reference date (never the clock)."""
import datetime as dt

from generator.site import timetable
from generator.site.french import date_long, hhmm, phone_display


def test_weekly_table_follows_the_reference_week_and_public_holidays():
    hours = "Mo-Fr 09:00-12:00,14:00-18:30; Sa 09:00-12:00; PH off"
    week = timetable.weekly_table(hours, dt.date(2026, 12, 23))  # Christmas is on Friday that week
    rows = {r["jour"]: r["plages"] for r in week["lignes"]}
    assert list(rows) == ["Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche"]
    assert rows["Lundi"] == ["9 h – 12 h", "14 h – 18 h 30"]
    assert rows["Vendredi"] == []
    assert rows["Samedi"] == ["9 h – 12 h"]
    assert rows["Dimanche"] == []
    assert week["du"] == "21 décembre 2026" and week["au"] == "27 décembre 2026"
    ordinary = timetable.weekly_table(hours, dt.date(2027, 1, 6))
    assert ordinary["lignes"][4]["plages"] == ["9 h – 12 h", "14 h – 18 h 30"]


def test_open_slots_are_paris_time_epochs():
    slots = timetable.open_slots("Tu 14:00-17:00", dt.date(2027, 1, 4)).split()
    assert len(slots) == timetable.BADGE_DAYS // 7
    start, end = map(int, slots[0].split("-"))
    assert dt.datetime.fromtimestamp(start, timetable.PARIS) == dt.datetime(2027, 1, 5, 14, 0, tzinfo=timetable.PARIS)
    assert end - start == 3 * 3600


def test_upcoming_seances_skip_the_past_and_sort():
    sessions = [
        {"debut": "2027-01-05", "fin": "2027-01-20", "places": 8, "seances": [
            {"date": "2027-01-19", "debut": "14:00", "fin": "16:00"},
            {"date": "2027-01-05", "debut": "09:30", "fin": "12:00"}]},
        {"debut": "2027-01-12", "fin": "2027-01-12", "places": 5, "seances": [{"date": "2027-01-12", "debut": "10:00", "fin": "11:30"}]},
    ]
    upcoming = timetable.upcoming_seances(sessions, dt.date(2027, 1, 6))
    assert [(s["iso"], s["debut"]) for s in upcoming] == [("2027-01-12", "10 h"), ("2027-01-19", "14 h")]
    assert upcoming[0]["places"] == 5 and upcoming[1]["places"] is None
    summaries = timetable.session_summaries(sessions, dt.date(2027, 1, 6))
    assert [(s["debut"], s["en_cours"]) for s in summaries] == [("5 janvier 2027", True)]


def test_french_formats():
    assert date_long("2027-01-01") == "vendredi 1er janvier 2027"
    assert hhmm("09:30") == "9 h 30" and hhmm("14:00") == "14 h"
    assert phone_display("+33199001234") == "01 99 00 12 34"


def test_open_slots_respect_a_recurrence_period():
    every_tuesday = "Tu 14:00-17:00"
    assert len(timetable.open_slots(every_tuesday, dt.date(2027, 1, 4), since="2027-01-10").split()) == 3
    assert len(timetable.open_slots(every_tuesday, dt.date(2027, 1, 4), until="2027-01-12").split()) == 2
    assert timetable.open_slots(every_tuesday, dt.date(2027, 1, 4), until="2026-12-31") == ""
