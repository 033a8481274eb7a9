"""The observatory's numbers counted again, independently of `generator.observatory`: from the YAML
files read with PyYAML, the referentials read as JSON, the official geography and the
opening_hours library. Imported by name (like `helpers`) by the observatory tests."""
from __future__ import annotations

import datetime as dt
import json
import math
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from zoneinfo import ZoneInfo

import opening_hours
import yaml

from generator import geography

ROOT = Path(__file__).resolve().parent.parent
PARIS = ZoneInfo("Europe/Paris")


def referential(name: str) -> list[dict]:
    return json.loads((ROOT / "schema" / "referentiels" / f"{name}.json").read_text(encoding="utf-8"))["anyOf"]


FAMILY = {e["const"]: e.get("x-famille", e["const"]) for e in referential("segments")}
FAMILIES = list(dict.fromkeys(FAMILY.values()))


@dataclass
class Sample:
    today: dt.date
    structures: dict = field(default_factory=dict)
    lieux: dict = field(default_factory=dict)  # uid → data
    offres: dict = field(default_factory=dict)  # uid → data

    def ref(self, sid, r):
        return r if "/" in r else f"{sid}/{r}"

    def active(self, uid):
        return (self.offres[uid].get("statut") or {}).get("etat", "active") == "active"

    def places(self, uid) -> list[str]:
        sid = uid.split("/")[0]
        o = self.offres[uid]
        refs = list(o.get("lieux", []))
        for session in o.get("sessions", []):
            refs += [session["lieu"]] if session.get("lieu") else []
            refs += [s["lieu"] for s in session.get("seances", []) if s.get("lieu")]
        return list(dict.fromkeys(self.ref(sid, r) for r in refs))

    def communes(self, uid) -> set[str]:
        places = self.places(uid)
        if places:
            return {self.lieux[p]["code_insee"] for p in places}
        t = self.structures[uid.split("/")[0]].get("territoire", {})
        out = set(t.get("communes", []))
        for e in t.get("epci", []):
            out |= set(geography.epci(e).membres)
        return out

    def in_scope(self, uid, communes, active=True) -> bool:
        return (self.active(uid) or not active) and bool(self.communes(uid) & communes)


def load(offers: Path, today: dt.date) -> Sample:
    s = Sample(today)
    for folder in sorted(p for p in offers.iterdir() if p.is_dir()):
        sid = folder.name
        s.structures[sid] = yaml.safe_load((folder / "structure.yml").read_text(encoding="utf-8"))
        for lieu in yaml.safe_load((folder / "lieux.yml").read_text(encoding="utf-8"))["lieux"]:
            s.lieux[f"{sid}/{lieu['id']}"] = lieu
        for f in sorted((folder / "offres").glob("*.yml")):
            s.offres[f"{sid}/{f.stem}"] = yaml.safe_load(f.read_text(encoding="utf-8"))
    return s


def region_communes(region: str) -> set[str]:
    return {c.code for c in geography.all_communes() if c.region == region}


# --- hours --------------------------------------------------------------------------------------

def oh(value):
    return opening_hours.OpeningHours(value, country="FR", timezone=PARIS)


def usual_monday(after: dt.date) -> dt.date:
    """First Monday strictly after `after` whose week has no public holiday."""
    holidays = oh("PH")
    monday = after + dt.timedelta(days=7 - after.weekday())
    while any(holidays.is_open(dt.datetime.combine(monday + dt.timedelta(days=i), dt.time(12))) for i in range(7)):
        monday += dt.timedelta(days=7)
    return monday


def open_minutes(value: str, start: dt.datetime, end: dt.datetime) -> dict[tuple[int, int], float]:
    """(weekday, hour) → open minutes between two naive times, minute by minute from the intervals."""
    out: dict = defaultdict(float)
    for a, b, state, _ in oh(value).intervals(start, end):
        if state != opening_hours.State.OPEN:
            continue
        t, b = a.replace(tzinfo=None), b.replace(tzinfo=None)
        while t < b:
            out[(t.weekday(), t.hour)] += 1
            t += dt.timedelta(minutes=1)
    return out


def spontaneous_hours(s: Sample, communes: set[str]) -> list[str]:
    """The OSM values counted for the week: per venue in the scope when the offer has hours per venue, else once."""
    values = []
    for uid, o in s.offres.items():
        if o["configuration"] != "spontanee" or not s.in_scope(uid, communes):
            continue
        sid = uid.split("/")[0]
        if o.get("horaires_par_lieu"):
            own = {s.ref(sid, e["lieu"]): e["horaires"] for e in o["horaires_par_lieu"]}
            for r in o.get("lieux", []):
                v = s.ref(sid, r)
                if s.lieux[v]["code_insee"] in communes and (own.get(v) or o.get("horaires")):
                    values.append(own.get(v) or o["horaires"])
        elif o.get("horaires"):
            values.append(o["horaires"])
    return values


def week_matrix(values, monday: dt.date) -> dict:
    total: dict = defaultdict(float)
    start = dt.datetime.combine(monday, dt.time(0))
    for v in values:
        for k, m in open_minutes(v, start, start + dt.timedelta(days=7)).items():
            total[k] += m
    return total


def seance_matrix(s: Sample, communes: set[str]) -> dict:
    """Séances of the next 365 days (pauses out) and recurrences, of running programmed offers in the scope."""
    today = s.today
    end = today + dt.timedelta(days=365)
    total: dict = defaultdict(float)
    for uid, o in s.offres.items():
        if o["configuration"] != "programmee" or not s.in_scope(uid, communes):
            continue
        sid = uid.split("/")[0]
        first = s.ref(sid, o["lieux"][0]) if o.get("lieux") else None
        for session in o.get("sessions", []):
            for se in session.get("seances", []):
                day = dt.date.fromisoformat(se["date"])
                ref = se.get("lieu") or session.get("lieu")
                venue = s.ref(sid, ref) if ref else first
                if not today <= day < end or (venue and s.lieux[venue]["code_insee"] not in communes):
                    continue
                t = dt.datetime.combine(day, dt.time.fromisoformat(se["debut"]))
                stop = dt.datetime.combine(day, dt.time.fromisoformat(se["fin"]))
                pauses = [(dt.datetime.combine(day, dt.time.fromisoformat(p["debut"])), dt.datetime.combine(day, dt.time.fromisoformat(p["fin"])))
                          for p in se.get("pauses", [])]
                while t < stop:
                    if not any(a <= t < b for a, b in pauses):
                        total[(t.weekday(), t.hour)] += 1
                    t += dt.timedelta(minutes=1)
        rec = o.get("recurrence")
        if rec:
            since = max(today, dt.date.fromisoformat(rec["du"])) if rec.get("du") else today
            until = min(end, dt.date.fromisoformat(rec["au"]) + dt.timedelta(days=1)) if rec.get("au") else end
            if since < until:
                for k, m in open_minutes(rec["horaires"], dt.datetime.combine(since, dt.time(0)), dt.datetime.combine(until, dt.time(0))).items():
                    total[k] += m
    return total


# --- distances ----------------------------------------------------------------------------------

def haversine(lat1, lon1, lat2, lon2) -> float:
    r = 6371.0088
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * r * math.asin(min(1.0, math.sqrt(a)))


def venues_with(s: Sample, segment: str | None = None) -> set[str]:
    """Venues where a running offer (of `segment`) takes place."""
    out = set()
    for uid, o in s.offres.items():
        if s.active(uid) and (segment is None or o["segment"] == segment):
            out |= set(s.places(uid))
    return out


def nearest_km(s: Sample, commune, venues) -> float | None:
    if not venues or commune.latitude is None:
        return None
    return round(min(haversine(commune.latitude, commune.longitude, s.lieux[v]["coordonnees"]["latitude"],
                               s.lieux[v]["coordonnees"]["longitude"]) for v in venues), 1)


# --- reading the built pages --------------------------------------------------------------------

class _Tables(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables: dict[str, dict] = {}
        self.current = None
        self.section = None
        self.row = None
        self.cell = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table" and "obs-table" in (a.get("class") or ""):
            self.current = self.tables.setdefault(a["id"].removeprefix("tableau-"), {"header": [], "rows": [], "total": None})
        elif self.current is not None:
            if tag in ("thead", "tbody", "tfoot"):
                self.section = tag
            elif tag == "tr":
                self.row = []
            elif tag in ("th", "td"):
                self.cell = []
            elif tag == "span" and "obs-signe" in (a.get("class") or ""):
                self.cell.append("\x00")  # the +/++/+++ marks are dropped below

    def handle_endtag(self, tag):
        if self.current is None:
            return
        if tag in ("th", "td") and self.cell is not None:
            text = "".join(self.cell)
            if "\x00" in text:
                text = text.split("\x00", 1)[1].lstrip("+ ")
            self.row.append(" ".join(text.split()))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            if self.section == "thead":
                self.current["header"] = self.row
            elif self.section == "tfoot":
                self.current["total"] = self.row
            else:
                self.current["rows"].append(self.row)
            self.row = None
        elif tag == "table":
            self.current = None

    def handle_data(self, data):
        if self.cell is not None and data != "\x00":
            self.cell.append(data)


def page_tables(html: str) -> dict[str, dict]:
    parser = _Tables()
    parser.feed(html)
    return parser.tables


def number(text: str):
    """A number as the page writes it (« 1 202 », « 2,5 », « — ») or as the CSV does (« 2.5 »)."""
    text = text.replace("\u202f", "").replace("\xa0", "").replace(" ", "").replace(",", ".")
    if text in ("", "—"):
        return None
    value = float(text)
    return int(value) if value.is_integer() else value
