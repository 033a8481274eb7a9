"""Full build at national scale: time at 5,000 and 20,000 offers (growth must stay linear: t(20k)/t(5k) ≤ 4.4),
peak memory (≤ 2 GiB) and published size (≤ 1 GB, GitHub Pages' limit for a site).

    python benchmarks/bench_scale.py [--petit 5000] [--grand 20000] [--garder DOSSIER]

Each build is `annuaire build` in a fresh process. The machine is shared: CPU time (user + system)
is reported beside wall-clock time, and the ratio is computed on both. Published size is the sum of
the files' bytes, and the size of the tar archive that GitHub's Pages action uploads (512-byte
headers and blocks), since many small files cost more than their bytes, and that archive compressed
(gzip level 6, as `actions/upload-artifact` does by default): the artifact whose size
`actions/deploy-pages` compares with 1 GB before publishing.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import tarfile
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import write_tree  # noqa: E402

TODAY = "2026-11-30"
GB = 1000 ** 3


def tar_size(folder: Path) -> int:
    """Bytes of an uncompressed tar of `folder`: a 512-byte header per entry, contents in 512-byte blocks."""
    total = 1024  # two empty blocks end the archive
    for root, dirs, files in os.walk(folder):
        total += 512 * len(dirs)
        for name in files:
            size = os.path.getsize(os.path.join(root, name))
            total += 512 + -(-size // 512) * 512
    return total


class _CompressedCount:
    """A file-like sink that only counts the bytes of its input once deflated."""

    def __init__(self):
        self.deflate, self.size = zlib.compressobj(6, zlib.DEFLATED, 31), 0

    def write(self, data):
        self.size += len(self.deflate.compress(data))
        return len(data)

    def close(self):
        self.size += len(self.deflate.flush())


def compressed_tar_size(folder: Path) -> int:
    sink = _CompressedCount()
    with tarfile.open(fileobj=sink, mode="w|", format=tarfile.GNU_FORMAT) as tar:
        for path in sorted(folder.rglob("*")):
            tar.add(path, arcname=str(path.relative_to(folder)), recursive=False)
    sink.close()
    return sink.size


def start(n: int, work: Path):
    project = work / f"projet-{n}"
    for name in ("docs", "site_overrides"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("captures"))
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    write_tree(n, project / "offers")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ANNUAIRE_DATE": TODAY, "CI": "1"}
    log = open(work / f"build-{n}.log", "w")
    proc = subprocess.Popen([sys.executable, "-m", "generator.cli", "build"], cwd=project, env=env, stdout=log, stderr=log)
    return n, project, proc, time.perf_counter()


def finish(n: int, project: Path, proc, started: float) -> dict:
    # wait4 gives this child's own processor time and peak memory, even when builds run side by side.
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"la construction de {n} offres a échoué :\n{(project.parent / f'build-{n}.log').read_text()[-3000:]}")
    site = project / "site"
    files = [p for p in site.rglob("*") if p.is_file()]
    return {"offres": n, "mur": wall, "cpu": usage.ru_utime + usage.ru_stime, "memoire_mio": usage.ru_maxrss / 1024,
            "octets": sum(p.stat().st_size for p in files), "tar": tar_size(site), "gzip": compressed_tar_size(site),
            "fichiers": len(files), "site": site}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--petit", type=int, default=5000)
    parser.add_argument("--grand", type=int, default=20000)
    parser.add_argument("--garder", type=Path, default=None, help="garder les sites construits dans ce dossier")
    parser.add_argument("--ensemble", action="store_true",
                        help="lancer les deux constructions en même temps (le temps processeur de chacune reste comparable)")
    args = parser.parse_args(argv)
    if args.garder:
        args.garder.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="annuaire-bench-echelle-", dir=args.garder))
    try:
        if args.ensemble:
            running = [start(n, work) for n in (args.petit, args.grand)]
            results = [finish(*r) for r in running]
        else:
            results = [finish(*start(n, work)) for n in (args.petit, args.grand)]
    finally:
        if args.garder is None:
            shutil.rmtree(work, ignore_errors=True)
    for r in results:
        print(f"{r['offres']:>6} offres : {r['mur']:7.1f} s (processeur {r['cpu']:7.1f} s), mémoire maximale "
              f"{r['memoire_mio']:6.0f} Mio, publié {r['octets'] / GB:.3f} Go ({r['tar'] / GB:.3f} Go en archive tar, "
              f"{r['gzip'] / GB:.3f} Go compressée, {r['fichiers']} fichiers)")
    small, large = results
    scale = args.grand / args.petit
    ratio_wall, ratio_cpu = large["mur"] / small["mur"], large["cpu"] / small["cpu"]
    print(f"croissance t({args.grand})/t({args.petit}) : {ratio_cpu:.2f} (processeur), {ratio_wall:.2f} (horloge) "
          f"pour {scale:.0f} × plus d'offres ; objectif ≤ {1.1 * scale:.1f}")
    worst_mem = max(r["memoire_mio"] for r in results)
    print(f"mémoire maximale : {worst_mem:.0f} Mio (objectif ≤ 2048) ; taille publiée à {args.grand} offres : "
          f"{large['tar'] / GB:.3f} Go en archive (objectif ≤ 1 Go)")
    ok = ratio_cpu <= 1.1 * scale and worst_mem <= 2048 and large["tar"] <= GB
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
