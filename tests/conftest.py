import shutil

import pytest

from helpers import ROOT, cli, complete_scaffold


@pytest.fixture
def tree(tmp_path):
    """A structure folder made by `annuaire new` and completed, valid, to be broken by each test."""
    proc = cli("new", "essai", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    complete_scaffold(tmp_path / "offers" / "essai")
    return tmp_path / "offers"


@pytest.fixture(scope="session")
def sample_copy(tmp_path_factory):
    dest = tmp_path_factory.mktemp("sample") / "offers"
    shutil.copytree(ROOT / "offers", dest)
    return dest


@pytest.fixture(scope="session")
def sample_day():
    """The latest verification date of the sample: the day its site is built for."""
    from browser.site_browser import data_day

    return data_day(ROOT / "offers")


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory, sample_day):
    """The sample's site, built once for the whole suite (browser tests, observatory tests)."""
    from browser.site_browser import build

    return build(ROOT / "offers", tmp_path_factory.mktemp("site") / "site", sample_day)
