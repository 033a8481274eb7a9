"""Build progress for people watching a terminal: the phase, how many pages are done, the time left.

On a terminal one line is rewritten in place; in a log (CI) nothing is printed unless asked, and
then one line per phase and per tenth of the pages, so that logs stay short."""
from __future__ import annotations

import sys
import time

from .french import plural


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    return f"{seconds // 60} min {seconds % 60:02d} s"


def _number(n: int) -> str:
    return f"{n:,}".replace(",", "\u202f")


class Progress:
    def __init__(self, stream=None, live: bool | None = None, clock=time.monotonic):
        self.stream = stream or sys.stderr
        self.live = self.stream.isatty() if live is None else live
        self.clock = clock
        self.started = clock()
        self.name = ""
        self.total = 0
        self.done_count = 0
        self.phase_started = self.started
        self._last_draw = 0.0
        self._last_tenth = -1

    def _write(self, text: str, final: bool = False) -> None:
        if self.live:
            self.stream.write("\r\x1b[K" + text + ("\n" if final else ""))
        else:
            self.stream.write(text + "\n")
        self.stream.flush()

    def phase(self, name: str, total: int = 0) -> None:
        if self.live and self.name:
            self._write(self._line(), final=True)
        self.name, self.total, self.done_count = name, total, 0
        self.phase_started = self.clock()
        self._last_tenth = -1
        self._write(self._line(), final=not self.live)

    def _line(self) -> str:
        elapsed = self.clock() - self.phase_started
        if not self.total:
            return f"{self.name}…" if self.live else self.name
        share = self.done_count / self.total
        text = f"{self.name} : {_number(self.done_count)} / {_number(self.total)} ({share:.0%})"
        if 0 < self.done_count < self.total and elapsed > 1:
            text += f", encore {_duration(elapsed / self.done_count * (self.total - self.done_count))} environ"
        return text

    def step(self, n: int = 1) -> None:
        self.done_count += n
        if not self.total:
            return
        now = self.clock()
        if self.live:
            if now - self._last_draw >= 0.1 or self.done_count >= self.total:
                self._last_draw = now
                self._write(self._line())
        else:
            tenth = self.done_count * 10 // self.total
            if tenth != self._last_tenth and tenth > 0:
                self._last_tenth = tenth
                self._write(self._line())

    def finish(self, summary: str) -> None:
        if self.live and self.name:
            self._write(self._line(), final=True)
        self._write(f"{summary} en {_duration(self.clock() - self.started)}.", final=True)


def counts_text(summary: dict) -> str:
    return (f"{plural(summary['structures'], 'structure')}, {plural(summary['lieux'], 'lieu', 'lieux')}, "
            f"{plural(summary['offres'], 'offre')}")
