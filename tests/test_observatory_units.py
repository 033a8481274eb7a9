"""Small pieces of the observatory checked against a plain computation."""
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.geography import distance_km
from generator.observatory.nearest import PointIndex
from generator.observatory.portfolio import level

latitudes = st.floats(min_value=-60, max_value=70, allow_nan=False)
# The grid does not wrap at ±180° (see nearest.py): points stay on one side of it.
longitudes = st.floats(min_value=-179, max_value=179, allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(latitudes, longitudes), min_size=1, max_size=60), st.lists(st.tuples(latitudes, longitudes), min_size=1, max_size=20))
def test_nearest_point_is_the_brute_force_one(points, queries):
    index = PointIndex([(lat, lon, f"p{i:03d}") for i, (lat, lon) in enumerate(points)])
    for lat, lon in queries:
        expected = min((distance_km(lat, lon, p[0], p[1]), f"p{i:03d}") for i, p in enumerate(points))
        got = index.nearest(lat, lon)
        assert abs(got[0] - expected[0]) < 1e-9, (lat, lon, got, expected)


def test_nearest_on_a_dense_country_sized_set():
    rng = random.Random(7)
    points = [(rng.uniform(42, 51), rng.uniform(-5, 8), f"v{i}") for i in range(3000)]
    index = PointIndex(points)
    for _ in range(200):
        lat, lon = rng.uniform(41, 52), rng.uniform(-6, 9)
        assert index.nearest(lat, lon) == min((distance_km(lat, lon, p[0], p[1]), p[2]) for p in points)


def test_no_point_no_answer():
    assert PointIndex([]).nearest(48, -3) is None


def test_marks_of_the_portfolio():
    assert [level(n) for n in (0, 1, 2, 3, 7)] == ["", "+", "++", "+++", "+++"]
