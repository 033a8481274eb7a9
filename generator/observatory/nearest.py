"""Nearest point by great-circle distance, through a grid of cells: linear in the number of
communes instead of communes × venues (35,000 × 20,000 at national scale)."""
from __future__ import annotations

import math
from collections import defaultdict

from ..geography import distance_km

CELL_DEG = 0.2
KM_PER_DEG = 111.19
MAX_RINGS = 40  # beyond ~8°, a plain scan (an overseas commune far from every venue) is quicker


class PointIndex:
    def __init__(self, points):
        """`points`: iterable of (latitude, longitude, payload)."""
        self.points = list(points)
        self.cells: dict[tuple[int, int], list] = defaultdict(list)
        for p in self.points:
            self.cells[self._cell(p[0], p[1])].append(p)

    @staticmethod
    def _cell(lat: float, lon: float) -> tuple[int, int]:
        return math.floor(lat / CELL_DEG), math.floor(lon / CELL_DEG)

    def nearest(self, lat: float, lon: float):
        """(distance in km, payload) of the nearest point, ties broken by payload; None without points."""
        if not self.points:
            return None
        ci, cj = self._cell(lat, lon)
        # A cell is at least this wide in km at this latitude (longitude degrees shrink towards the pole).
        cell_km = CELL_DEG * KM_PER_DEG * max(0.05, math.cos(math.radians(min(89.0, abs(lat) + CELL_DEG * MAX_RINGS))))
        best = None
        for ring in range(MAX_RINGS + 1):
            if best is not None and best[0] <= (ring - 1) * cell_km:
                return best
            for i in range(ci - ring, ci + ring + 1):
                for j in range(cj - ring, cj + ring + 1):
                    if max(abs(i - ci), abs(j - cj)) != ring:
                        continue
                    for p in self.cells.get((i, j), ()):
                        d = distance_km(lat, lon, p[0], p[1])
                        if best is None or (d, p[2]) < best:
                            best = (d, p[2])
        if best is not None and best[0] <= MAX_RINGS * cell_km:
            return best
        return min((distance_km(lat, lon, p[0], p[1]), p[2]) for p in self.points)
