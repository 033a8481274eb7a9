"""The marks an import leaves in a record: `a_completer` (what the source did not give) and
`a_verifier` (what was deduced, not given). Validation reports them field by field
(`generator/validation/imported.py`); pages say « non communiqué »; national exports publish
neither a missing value nor a deduction still to check (`known`)."""
from __future__ import annotations

TO_COMPLETE, TO_CHECK = "a_completer", "a_verifier"


def listed(data, name: str, mark: str = TO_COMPLETE) -> bool:
    """Whether `name` is in the record's `a_completer` (or `a_verifier`) list."""
    return name in ((data or {}).get(mark) or ())


def known(data, name: str):
    """The value of `name` unless it is a deduction still listed in `a_verifier`."""
    if listed(data, name, TO_CHECK):
        return None
    return (data or {}).get(name)
