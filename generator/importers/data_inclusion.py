"""data·inclusion v1 (placeholder until written)."""
def convert_files(paths, source, today):
    from .csv_reading import SourceError
    raise SourceError("format data-inclusion pas encore disponible")
