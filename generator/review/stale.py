"""What needs checking: structures and offers whose last check (`date_maj`) is old, per structure,
with the people who maintain them. Read by `annuaire stale`, the nightly issue and the « À vérifier » page."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..model import Directory
from ..validation.common import STALE_DAYS, STALE_WARNING_DAYS, as_date


@dataclass(frozen=True)
class Stale:
    kind: str  # "structure" or "offre"
    uid: str
    name: str
    checked: str  # ISO date of the last check
    age_days: int
    level: str  # "a-verifier" (older than the threshold) or "perime" (older than a year)
    file: str


@dataclass
class StructureToCheck:
    id: str
    name: str
    maintainers: tuple[str, ...]
    items: list[Stale] = field(default_factory=list)


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months earlier (the month's last day when it is shorter)."""
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    return dt.date(year, month, 28)


def cutoff(today: dt.date, months: int | None) -> dt.date:
    """Checked on or before this day means « to check »: N months ago, or the validator's threshold."""
    if months is None:
        return today - dt.timedelta(days=STALE_WARNING_DAYS + 1)
    return months_before(today, months)


def _item(kind: str, uid: str, data, file: str, today: dt.date, limit: dt.date) -> Stale | None:
    day = as_date(data.get("date_maj"))
    if day is None or day > limit:
        return None
    age = (today - day).days
    return Stale(kind, uid, str(data.get("nom", uid)), day.isoformat(), age, "perime" if age > STALE_DAYS else "a-verifier", file)


def stale(directory: Directory, months: int | None = None) -> list[StructureToCheck]:
    """Structures with something to check, by name; in each, the oldest checks first."""
    today = directory.today
    limit = cutoff(today, months)
    out = []
    for sid, s in directory.structures.items():
        found = StructureToCheck(sid, s["nom"], tuple(s.get("mainteneurs", ())))
        own = _item("structure", sid, s.data, s.file, today, limit)
        if own:
            found.items.append(own)
        for uid in s.offres:
            o = directory.offres[uid]
            item = _item("offre", uid, o.data, o.file, today, limit)
            if item:
                found.items.append(item)
        if found.items:
            found.items.sort(key=lambda i: (i.kind != "structure", i.checked, i.name.casefold(), i.uid))
            out.append(found)
    out.sort(key=lambda f: (f.name.casefold(), f.id))
    return out
