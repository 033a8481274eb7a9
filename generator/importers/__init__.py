"""Importers: files of the national standards → our YAML documents, faithfully.

Each format is a pure function over rows (`convert(...)` returning `Bundle`s and an
`ImportReport`); reading the files (`csv_reading`, `data_inclusion.read`) and writing the tree
(`writer`) are separate, so that the command line (`annuaire import`) only parses arguments and
prints. Rules shared by every format: never invent a value (what the source lacks is listed in
`a_completer`, what is deduced in `a_verifier`), never drop a row without saying why, keep the
source's identity (`source: {nom, id}`) so that a second import updates instead of duplicating.
"""

from . import data_inclusion, mednum

# `annuaire import FORMAT`: each module has `convert(...)` (pure) and `convert_files(paths, source, today)`.
FORMATS = {"mednum": mednum, "data-inclusion": data_inclusion}
