"""The search index carries every valid offer with the facets the search page filters on."""
import datetime as dt
import gzip

import pytest

from generator.directory import load_directory
from generator.orientation.search_index import MOMENTS, _slot_mask, build_index, dumps
from helpers import ROOT


@pytest.fixture(scope="module")
def sample():
    directory, report = load_directory(ROOT / "offers", today=dt.date(2026, 11, 30))
    assert report.errors == 0
    return directory, build_index(directory)


def test_every_offer_is_indexed_once(sample):
    directory, index = sample
    assert sorted(r["u"] for r in index["offres"]) == sorted(directory.offres)


def test_facet_positions_decode_to_the_data(sample):
    directory, index = sample
    communes = index["communes"]
    for row in index["offres"]:
        offre = directory.offres[row["u"]]
        assert index["facettes"]["segment"][row["g"]][0] == offre["segment"]
        assert [index["facettes"]["theme"][t][0] for t in row["t"]] == list(offre["thematiques"])
        assert {communes[index["lieux"][v][2]][0] for v in row.get("v", [])} == {directory.lieux[u]["code_insee"] for u in offre.lieux}


def test_morlaix_tax_workshop_is_findable(sample):
    directory, index = sample
    row = next(r for r in index["offres"] if r["u"] == "cyberbase-morlaix/atelier-impots-en-ligne")
    assert "demarches-impots" in [index["facettes"]["theme"][t][0] for t in row["t"]]
    assert [index["communes"][index["lieux"][v][2]][0] for v in row["v"]] == ["29151"]
    assert row["d"], "les prochaines séances doivent figurer dans l'index"


def test_slot_mask_moments():
    tuesday_evening = [[1 * 1440 + 18 * 60, 1 * 1440 + 20 * 60]]
    assert _slot_mask(tuesday_evening) == 1 << (1 * 3 + 2)
    saturday_morning_to_afternoon = [[5 * 1440 + 10 * 60, 5 * 1440 + 14 * 60]]
    assert _slot_mask(saturday_morning_to_afternoon) == (1 << 15) | (1 << 16)
    assert len(MOMENTS) == 3


def test_index_is_deterministic_and_small(sample):
    directory, index = sample
    raw = dumps(index)
    assert raw == dumps(build_index(directory))
    assert len(gzip.compress(raw, mtime=0)) / len(index["offres"]) < 400
