"""Nearest point by great-circle distance, through a grid of cells: about linear in the number of
communes instead of communes × venues (35,000 × 20,000 at national scale).

Cells are sized from the density of the points (a few points per cell on average), and the search
walks rings of cells outwards from the commune's cell until no unvisited ring can hold a nearer point.
The grid does not wrap at the ±180° meridian: no territory of the directory straddles it, and a
point beyond it is still found by the plain scan when nothing nearer is."""
from __future__ import annotations

import math
from collections import defaultdict

from ..geography import distance_km

KM_PER_DEG = 111.19
MIN_CELL_DEG, MAX_CELL_DEG = 0.05, 3.0
POINTS_PER_CELL = 1.5
MAX_RINGS = 60  # past this, a plain scan is cheaper (an overseas commune whose nearest point is in Europe)


class PointIndex:
    def __init__(self, points):
        """`points`: iterable of (latitude, longitude, payload)."""
        self.points = list(points)
        self.cells: dict[tuple[int, int], list] = defaultdict(list)
        if not self.points:
            return
        lats = [p[0] for p in self.points]
        lons = [p[1] for p in self.points]
        area = max(1.0, (max(lats) - min(lats)) * (max(lons) - min(lons)))
        self.cell = min(MAX_CELL_DEG, max(MIN_CELL_DEG, math.sqrt(area * POINTS_PER_CELL / len(self.points))))
        for p in self.points:
            self.cells[self._cell(p[0], p[1])].append(p)

    def _cell(self, lat: float, lon: float) -> tuple[int, int]:
        return math.floor(lat / self.cell), math.floor(lon / self.cell)

    def _ring(self, ci: int, cj: int, r: int):
        if r == 0:
            yield ci, cj
            return
        for j in range(cj - r, cj + r + 1):
            yield ci - r, j
            yield ci + r, j
        for i in range(ci - r + 1, ci + r):
            yield i, cj - r
            yield i, cj + r

    def nearest(self, lat: float, lon: float):
        """(distance in km, payload) of the nearest point, ties broken by payload; None without points."""
        if not self.points:
            return None
        ci, cj = self._cell(lat, lon)
        best = None
        filled = 0
        for ring in range(MAX_RINGS + 1):
            if best is not None and ring > 0:
                # Rings 0..ring-1 cover a square of cells around the point: anything not yet seen lies
                # outside it, at least as far as its nearest edge. A longitude degree is shortest at
                # the highest latitude the next ring reaches.
                south, north = (ci - ring + 1) * self.cell, (ci + ring) * self.cell
                west, east = (cj - ring + 1) * self.cell, (cj + ring) * self.cell
                top = min(89.9, max(abs(south), abs(north)) + self.cell)
                bound = min(min(lat - south, north - lat) * KM_PER_DEG,
                            min(lon - west, east - lon) * KM_PER_DEG * math.cos(math.radians(top)))
                if best[0] <= bound:
                    return best
            for key in self._ring(ci, cj, ring):
                for p in self.cells.get(key, ()):
                    filled += 1
                    d = distance_km(lat, lon, p[0], p[1])
                    if best is None or (d, p[2]) < best:
                        best = (d, p[2])
            if filled == len(self.points) and best is not None and ring > 0:
                # Every point seen: the nearest is known whatever the bound says.
                return best
        return min((distance_km(lat, lon, p[0], p[1]), p[2]) for p in self.points)
