"""The package's shape: no import cycle, small modules, one catalogue of diagnostics, a map that is true."""
import ast
import re
from pathlib import Path

from generator.diagnostics.catalogue import CATALOGUE
from helpers import ROOT

PACKAGE = ROOT / "generator"
MAX_LINES = 400


def _module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _imports(name: str, path: Path, modules) -> set[str]:
    """Modules of the package that `name` imports, at any depth of its code (lazy imports count)."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            # `from pkg import sub` depends on the submodule when there is one, else on pkg itself.
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
        else:
            continue
        found |= {t for t in targets if t in modules and t != name}
    return found


def test_no_import_cycle_inside_the_package():
    modules = _modules()
    graph = {name: _imports(name, path, modules) for name, path in modules.items()}
    state, stack, cycles = {}, [], []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node)
    assert not cycles, cycles


def test_the_import_walker_sees_a_cycle(tmp_path):
    """The test above could pass by seeing nothing: check it on two modules that import each other."""
    modules = {"generator.a": tmp_path / "a.py", "generator.b": tmp_path / "b.py"}
    modules["generator.a"].write_text("from . import b\n")
    modules["generator.b"].write_text("def f():\n    from .a import x\n")
    assert _imports("generator.a", modules["generator.a"], modules) == {"generator.b"}
    assert _imports("generator.b", modules["generator.b"], modules) == {"generator.a"}


def test_no_module_over_400_lines():
    long = {str(p.relative_to(ROOT)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, long


def test_every_reported_code_is_in_the_catalogue_and_every_entry_is_used():
    used = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "emit"
                    and len(node.args) >= 3 and isinstance(node.args[2], ast.Constant)):
                used.add(node.args[2].value)
    # Schema codes are built from the JSON Schema keyword (schema-pattern, schema-format…).
    dynamic = {c for c in CATALOGUE if c.startswith("schema-")}
    assert used, "the scan found no emit() call"
    assert used <= set(CATALOGUE), used - set(CATALOGUE)
    assert set(CATALOGUE) - dynamic <= used, set(CATALOGUE) - dynamic - used


def test_the_architecture_map_names_only_real_paths():
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    paths = set(re.findall(r"`((?:generator|schema|site_overrides|tests|benchmarks|scripts|docs|offers|\.github)/[^`*<> ]*)`", text))
    assert len(paths) >= 15, paths
    missing = sorted(p for p in paths if not (ROOT / p.rstrip("/")).exists())
    assert not missing, missing
