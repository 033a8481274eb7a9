import pytest

from generator import geography as geo


def test_source_is_recorded():
    assert geo.source()["package"] == "@etalab/decoupage-administratif"
    assert geo.source()["version"]


def test_lanester():
    c = geo.commune("56098")
    assert c is not None
    assert c.nom == "Lanester"
    assert c.departement == "56"
    assert c.region == "53"
    assert "56600" in c.codes_postaux
    assert c.population and c.population > 20000
    e = geo.epci(c.epci)
    assert "Lorient Agglomération" in e.nom
    assert "56098" in e.membres


def test_morlaix():
    c = geo.commune("29151")
    assert c.nom == "Morlaix"
    assert c.codes_postaux == ("29600",)
    assert c.epci == "242900835"
    assert geo.epci("242900835").nom.endswith("Morlaix Communauté")


def test_lamballe_armor_is_the_commune_nouvelle():
    c = geo.commune("22093")
    assert c.nom == "Lamballe-Armor"
    assert "22400" in c.codes_postaux
    assert "Lamballe Terre et Mer" in geo.epci(c.epci).nom


def test_unknown_codes():
    assert geo.commune("00000") is None
    assert geo.epci("000000000") is None
    assert geo.departement("00") is None
    assert geo.communes_by_postcode("00000") == ()


def test_departement():
    d = geo.departement("29")
    assert d == geo.Departement(code="29", nom="Finistère", region="53")
    assert geo.departement("2A").nom == "Corse-du-Sud"


def test_island_communes_have_no_epci():
    assert geo.commune("29083").epci is None  # Ouessant


def test_postcode_shared_by_several_communes():
    communes = geo.communes_by_postcode("22400")
    codes = [c.code for c in communes]
    assert "22093" in codes
    assert len(codes) > 1
    assert codes == sorted(codes)
    assert all("22400" in c.codes_postaux for c in communes)


def test_paris_arrondissement_is_known():
    arr = geo.commune("75101")
    assert arr.departement == "75"
    assert arr.epci == geo.commune("75056").epci
    assert {"75056", "75101"} <= {c.code for c in geo.communes_by_postcode("75001")}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("lamballe armor", "Lamballe-Armor"),
        ("St-Brieuc", "Saint-Brieuc"),
        ("SAINT BRIEUC", "Saint-Brieuc"),
        ("Ste-Anne-d'Auray", "Sainte-Anne-d’Auray"),
        ("Plouguerneau", "plouguernéau"),
        ("L'Haÿ-les-Roses", "L HAY LES ROSES"),
        ("Œuilly", "oeuilly"),
    ],
)
def test_same_name(a, b):
    assert geo.same_name(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Lamballe", "Lamballe-Armor"), ("Saint-Brieuc", "Sainte-Brieuc"), ("", ""), ("Brest", "Morlaix")],
)
def test_different_names(a, b):
    assert not geo.same_name(a, b)


def test_distance_km():
    # Morlaix town hall to Brest town hall, about 52 km as the crow flies.
    assert geo.distance_km(48.5777, -3.8279, 48.3904, -4.4861) == pytest.approx(52, abs=2)
    assert geo.distance_km(48.0, -3.0, 48.0, -3.0) == 0


def test_departement_box():
    morlaix, lanester = geo.commune("29151"), geo.commune("56098")
    min_lat, min_lon, max_lat, max_lon = geo.departement_box("29")
    assert min_lat <= morlaix.latitude <= max_lat and min_lon <= morlaix.longitude <= max_lon
    assert not (min_lat <= lanester.latitude <= max_lat and min_lon <= lanester.longitude <= max_lon)


def test_value_objects_are_immutable():
    c = geo.commune("29151")
    with pytest.raises(AttributeError):
        c.nom = "Brest"
    assert isinstance(c.codes_postaux, tuple)
    assert isinstance(geo.epci(c.epci).membres, tuple)


def test_every_commune_of_the_sample_departements_has_a_centre():
    for c in geo.all_communes():
        if c.departement in ("22", "29", "35", "56"):
            assert c.latitude is not None and c.longitude is not None, c
    lorient = geo.commune("56121")
    assert geo.distance_km(lorient.latitude, lorient.longitude, 47.75, -3.37) < 5


def test_a_commune_nouvelle_since_2024_takes_a_former_communes_point():
    approximated = [c for c in geo.all_communes() if c.centre_approche]
    assert approximated, "the fallback of the centres file (README) is exercised"
    for c in approximated:
        assert c.latitude is not None and c.centre_approche != c.code


def test_former_names_lead_to_todays_commune():
    former = dict(geo.former_names())
    assert former["Lamballe"] == "22093"
    assert geo.source()["centres"].startswith("COG 2024")
