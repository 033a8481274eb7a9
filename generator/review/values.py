"""Values as people read them, in French, for the diff: hours in words, dates spelled out, codes
as their labels, phone numbers as they are dialled; and Markdown that shows YAML text as text."""
from __future__ import annotations

import datetime as dt
import re

import opening_hours

from .. import geography, referentials
from ..schedule import day_runs, parse, reference_week
from ..site.french import as_date, date_long, date_short, hhmm, phone_display, time_fr

DAY_ABBR = ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim.")
_PH_OFF = re.compile(r"(^|;)\s*PH\s+off\s*($|;)")
# Characters that Markdown (GitHub's) would read as formatting, links or HTML.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()+!|~])")


def _clock(t: dt.datetime, start: dt.datetime) -> str:
    if t.date() > start.date() and t.hour == 0 and t.minute == 0:
        return "24 h"
    return time_fr(t.hour, t.minute)


def _day_groups(days: list[int]) -> str:
    """[0, 1, 2, 4] → « lun.–mer., ven. »."""
    return day_runs(days, DAY_ABBR, "–", ", ")


def hours_text(value: str | None, today: dt.date) -> str:
    """OSM opening hours in words over a usual week: « lun.–ven. 9 h–12 h ; sam. 9 h–12 h ; fermé les jours fériés »."""
    if not value:
        return "aucun horaire"
    try:
        oh = parse(value)
    except Exception:  # invalid hours are the validator's business: show them as written
        return f"« {value} »"
    start, end = reference_week(today)
    per_day: dict[int, list[str]] = {d: [] for d in range(7)}
    for a, b, state, comment in oh.intervals(start, end):
        if state == opening_hours.State.OPEN or (state == opening_hours.State.UNKNOWN and comment):
            label = f"{time_fr(a.hour, a.minute)}–{_clock(b, a)}" + (f" ({comment})" if comment else "")
            per_day[a.weekday()].append(label)
    by_ranges: dict[str, list[int]] = {}
    for day in range(7):
        if per_day[day]:
            by_ranges.setdefault(", ".join(per_day[day]), []).append(day)
    parts = [f"{_day_groups(days)} {ranges}" for ranges, days in sorted(by_ranges.items(), key=lambda kv: kv[1][0])]
    text = " ; ".join(parts) or "fermé"
    if _PH_OFF.search(value):
        text += " ; fermé les jours fériés"
    return text


def hours_pair(before: str | None, after: str | None, today: dt.date) -> tuple[str, str]:
    """Both values in words; as written (OSM) when the words of a usual week cannot tell them apart
    (a change that only touches holidays or a season)."""
    a, b = hours_text(before, today), hours_text(after, today)
    if a == b and before != after:
        return code(before or ""), code(after or "")
    return a, b


def code(text: str) -> str:
    """Inline code that no backtick inside can close early."""
    fence = "`" * (max((len(m) for m in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def md_text(text) -> str:
    """YAML text shown as plain text in Markdown: no formatting, no link, no HTML, no mention of
    a person (@…) or an issue (#…) — a word joiner after @ and # keeps GitHub from linking them."""
    s = " ".join(str(text).split())
    s = _MD_SPECIAL.sub(r"\\\1", s)
    return s.replace("@", "@\u2060").replace("#", "#\u2060")


def quoted(text) -> str:
    return f"« {md_text(text)} »"


def label(referential: str, value) -> str:
    ref = referentials.get(referential)
    return ref.label(value) if value in ref else str(value)


def commune_name(code_insee) -> str:
    c = geography.commune(str(code_insee))
    return f"{c.nom} ({code_insee})" if c else str(code_insee)


def epci_name(code_siren) -> str:
    e = geography.epci(str(code_siren))
    return e.nom if e else str(code_siren)


def scalar(kind: str, value) -> str:
    """A scalar as read, in Markdown (already escaped)."""
    if value is None:
        return "(vide)"
    if kind == "boolean" or isinstance(value, bool):
        return "oui" if value else "non"
    if kind == "date" and as_date(value):
        return date_short(value)
    if kind == "heure":
        try:
            return hhmm(value)
        except ValueError:
            return quoted(value)
    if kind == "telephone":
        return phone_display(str(value))
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    if isinstance(value, int):
        return str(value)
    return quoted(value)


def day_long(value) -> str:
    return date_long(value) if as_date(value) else str(value)


def is_long(text) -> bool:
    return isinstance(text, str) and (len(text) > 120 or "\n" in text.strip())
