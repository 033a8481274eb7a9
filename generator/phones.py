"""Phone numbers: the prefixes of the national « Lieux de médiation numérique » standard, and
national-format numbers (`02 96 50 00 00`, `0262 12 34 56`) rewritten in international form.

The schema pattern (`schema/communs.json#/$defs/telephone`) accepts what `PATTERN` accepts; the
importer normalises with `normalise`, and the validator offers its result as the hint.
Region detection comes from Google's libphonenumber (package `phonenumbers`): `0262…` is a
Réunion number (`+262262…`), not `+33262…`.
"""
from __future__ import annotations

import re

import phonenumbers

# The standard's own pattern (tests/standards/mednum-lieux-v1.0.2/schema.json, `telephone`),
# with metropolitan numbers held to their real length.
PREFIXES = ("33", "590", "594", "262", "596", "269", "687", "689", "508", "681")
PATTERN = re.compile(r"^(\+33[1-9][0-9]{8}|\+(590|594|262|596|269|687|689|508|681)[0-9]{6,9})$")
# Regions whose numbers carry one of those prefixes, tried in this order for a number written
# without its country code (metropolitan France first, as most numbers are).
REGIONS = ("FR", "RE", "YT", "GP", "MQ", "GF", "PM", "NC", "PF", "WF", "BL", "MF")
# Overseas départements and collectivities by the first digits of their INSEE codes.
_REGION_OF_DEPARTEMENT = {"971": "GP", "972": "MQ", "973": "GF", "974": "RE", "976": "YT", "975": "PM",
                          "977": "BL", "978": "MF", "986": "WF", "987": "PF", "988": "NC"}
# ARCEP numbering plan: these national prefixes exist only overseas, whatever a broader metadata
# says about the metropolitan 05 / 02 / 06 ranges (« 0596 … » is Martinique, never +33 596 …).
OVERSEAS_PREFIXES = {"0262": "262", "0263": "262", "0692": "262", "0693": "262",  # La Réunion
                     "0269": "262", "0639": "262",  # Mayotte
                     "0590": "590", "0690": "590", "0691": "590",  # Guadeloupe, Saint-Martin, Saint-Barthélemy
                     "0594": "594", "0694": "594",  # Guyane
                     "0596": "596", "0696": "596", "0697": "596"}  # Martinique
_NOISE = re.compile(r"[\s.\-/()\u00a0\u202f]")


def region_of(insee: str | None) -> str | None:
    """The telephone region of a commune (by INSEE code), when it is overseas."""
    return _REGION_OF_DEPARTEMENT.get((insee or "")[:3])


def valid(number: str) -> bool:
    return isinstance(number, str) and PATTERN.fullmatch(number) is not None


def normalise(text: str, insee: str | None = None) -> str | None:
    """The international form of `text` accepted by the national standard, or None.

    `insee` (the commune of the place) decides the region of a number written without a country
    code when the number alone does not: a six-digit number is local to Saint-Pierre-et-Miquelon,
    Wallis-et-Futuna or New Caledonia."""
    if not isinstance(text, str):
        return None
    raw = _NOISE.sub("", text.strip())
    if raw.startswith("00"):
        raw = "+" + raw[2:]
    if not re.fullmatch(r"\+?[0-9]{6,15}", raw):
        return None
    # "+33 (0)2 96…" and "+330296…": the trunk zero written after the country code.
    raw = re.sub(r"^\+33(?=0)0", "+33", raw)
    if valid(raw):
        return raw
    if re.fullmatch(r"0[1-9][0-9]{8}", raw) and raw[:4] in OVERSEAS_PREFIXES:
        return f"+{OVERSEAS_PREFIXES[raw[:4]]}{raw[1:]}"
    first = region_of(insee)
    regions = ((first,) if first else ()) + tuple(r for r in REGIONS if r != first)
    found: dict[str, str] = {}  # region -> number valid there
    plausible: list[str] = []
    for region in regions:
        try:
            parsed = phonenumbers.parse(raw, None if raw.startswith("+") else region)
        except phonenumbers.NumberParseException:
            continue
        e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
        if valid(e164):
            if phonenumbers.is_valid_number(parsed):
                found.setdefault(region, e164)
            plausible.append(e164)
        if raw.startswith("+"):
            break
    if first in found:
        return found[first]
    # The overseas ranges are narrow and precise ("0262" is Réunion, "0269" Mayotte) while the
    # metropolitan metadata is broad: an overseas match wins over a metropolitan one.
    overseas = [n for r, n in found.items() if r != "FR"]
    if overseas:
        return overseas[0]
    if "FR" in found:
        return found["FR"]
    # A known prefix and a plausible length outside the library's ranges (new ranges, fictional
    # numbers): kept when written internationally or when the commune says which territory.
    if plausible and (raw.startswith("+") or first):
        return plausible[0]
    if re.fullmatch(r"0[1-9][0-9]{8}", raw):
        return "+33" + raw[1:]
    return None


def display(number: str) -> str:
    """How people dial it: `+33199001234` → `01 99 00 12 34`, `+262262123456` → `0262 12 34 56`."""
    try:
        parsed = phonenumbers.parse(number, None)
    except phonenumbers.NumberParseException:
        return number
    if number.startswith("+33") and len(number) == 12:
        national = "0" + number[3:]
        return " ".join(national[i:i + 2] for i in range(0, 10, 2))
    if phonenumbers.is_valid_number(parsed):
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    return number
