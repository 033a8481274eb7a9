"""The tests read a copy of the official standards kept in the repository: it must stay identical."""
import filecmp

import pytest

from helpers import SHARED_STANDARDS, STANDARDS


@pytest.mark.skipif(not SHARED_STANDARDS.is_dir(), reason="pas de dossier shared/ à côté de ce clone")
def test_copy_matches_the_teams_reference():
    files = sorted(p.relative_to(SHARED_STANDARDS) for p in SHARED_STANDARDS.rglob("*") if p.is_file())
    assert files
    _, mismatch, errors = filecmp.cmpfiles(SHARED_STANDARDS, STANDARDS, [str(f) for f in files], shallow=False)
    assert mismatch == [] and errors == []
