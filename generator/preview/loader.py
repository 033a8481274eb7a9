"""Loading the tree again after an edit, reading only the structure folders whose files changed.

Each structure folder is a `directory.Part`, kept with a fingerprint of its files (path, size, time
of modification). After an edit, only the changed folders are read and checked again; offer rules,
which look at venues across the tree, run again for the changed folders and for the offers that
refer to one of their venues. The result is the same Directory and diagnostics as `load_directory`."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Report
from ..directory import Part, _discover, all_offers, all_venues, assemble, check_offers, load_part, reference_date
from ..model import Directory


def _fingerprint(item: dict) -> tuple:
    paths = [p for p in (item["structure"], item["lieux"]) if p is not None] + list(item["offres"])
    out = []
    for p in paths:
        try:
            st = p.stat()
            out.append((str(p), st.st_mtime_ns, st.st_size))
        except OSError:
            out.append((str(p), None, None))
    return tuple(out)


@dataclass
class Change:
    """What the last `load` found changed, by structure id."""

    structures: set[str] = field(default_factory=set)  # folders read again (or gone, or new)
    everything: bool = False  # first load, or the folder list itself is unreadable


class IncrementalLoader:
    def __init__(self, root: str | Path, today: dt.date | None = None, only: set[str] | None = None):
        self.root = Path(root)
        self.today = today or reference_date()
        self.only = only  # structure ids to keep (preview of one structure), None for all
        self.parts: dict[str, Part] = {}
        self.prints: dict[str, tuple] = {}
        self.offer_reports: dict[str, Report] = {}
        self.last = Change(everything=True)
        self.memo: dict = {}  # frozen data of the documents that were not read again
        self.folders: dict[str, int] = {}  # modification times of the folders: a file added or removed changes them
        self.found: dict | None = None
        self.found_report = Report()

    def _folders(self) -> dict[str, int]:
        out = {}
        for folder in [self.root, *self.root.iterdir()] if self.root.is_dir() else [self.root]:
            for f in (folder, folder / "offres"):
                try:
                    out[str(f)] = f.stat().st_mtime_ns
                except OSError:
                    pass
        return out

    def _discover(self) -> tuple[dict, Report]:
        """`_discover` again only when a folder changed (a file added, removed or renamed)."""
        folders = self._folders()
        if self.found is None or folders != self.folders:
            self.found_report = Report()
            self.found = _discover(self.root, self.found_report)
            self.folders = folders
        return dict(self.found), self.found_report

    def __call__(self) -> tuple[Directory, Report]:
        return self.load()

    def load(self) -> tuple[Directory, Report]:
        report = Report()
        found, seen = self._discover()
        report.diagnostics += seen.diagnostics
        if self.only is not None:
            found = {sid: item for sid, item in found.items() if sid in self.only}
        first = not self.parts
        changed = self._read(found)
        while self.only is not None:
            # A previewed structure's offers may sit in another structure's venues: bring those in too.
            wanted = {r.split("/")[0] for p in self.parts.values() for _, doc in p.offers for r in _venue_refs(doc.data)}
            extra = {sid: item for sid, item in _discover(self.root, Report()).items() if sid in wanted - set(found)}
            if not extra:
                break
            self.only |= set(extra)
            found.update(extra)
            changed |= self._read(extra)
        for sid in [s for s in self.parts if s not in found]:
            del self.parts[sid], self.prints[sid]
            self.offer_reports.pop(sid, None)
            changed.add(sid)
        venues, broken = all_venues(self.parts)
        offers = all_offers(self.parts)
        for sid, part in self.parts.items():
            refers = any(r.split("/")[0] in changed for _, doc in part.offers for r in _venue_refs(doc.data))
            if first or sid in changed or refers or sid not in self.offer_reports:
                self.offer_reports[sid] = Report()
                check_offers(sid, part, self.today, venues, broken, offers, self.offer_reports[sid])
            report.diagnostics += part.report.diagnostics + self.offer_reports[sid].diagnostics
        self.last = Change(changed, everything=first)
        return assemble(self.today, dict(sorted(self.parts.items())), venues, self.memo), report

    def _read(self, found: dict) -> set[str]:
        changed = set()
        for sid, item in found.items():
            fp = _fingerprint(item)
            if self.prints.get(sid) != fp:
                self.parts[sid] = load_part(sid, item, self.today)
                self.prints[sid] = fp
                changed.add(sid)
        return changed


def _venue_refs(data: dict) -> list[str]:
    """Venue references of an offer that name another structure (`structure/lieu`)."""
    refs = list(data.get("lieux", ()))
    for session in data.get("sessions", ()):
        refs.append(session.get("lieu"))
        refs += [s.get("lieu") for s in session.get("seances", ())]
    return [r for r in refs if isinstance(r, str) and "/" in r]
