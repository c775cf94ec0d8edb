"""The shape of the package: imports point one way, only ``framing.cli`` knows the command line.

The import graph is read from the source with :mod:`ast` (every import, at module level or
inside a function, relative or absolute), so an import cycle that only a lazy import closes
is found as well.  A package's ``__init__`` counts as the package.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "framing"
#: Entry points: they run the command line when imported, and may import ``framing.cli``.
ENTRY_POINTS = {"framing.__main__", "framing.cli.__main__"}


def _modules() -> dict[str, Path]:
    """``{dotted name: path}`` of every module of the package (a package is its ``__init__``)."""
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if "__pycache__" in parts or any(not p.isidentifier() for p in parts):
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _target(name: str) -> str | None:
    """The framing module that importing ``name`` loads last (None outside framing)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _compiled(name: str) -> bool:
    """Whether ``name`` is a framing module without Python source (C or Cython only)."""
    parent, _, leaf = name.rpartition(".")
    folder = ROOT.joinpath(*parent.split("."))
    return parent in MODULES and any(folder.glob(f"{leaf}.*"))


def _imports(module: str, path: Path) -> set[str]:
    """The framing modules ``module`` imports, anywhere in its code."""
    is_package = path.name == "__init__.py"
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(_target(a.name) for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module if is_package else module.rpartition(".")[0]
                for _ in range(node.level - 1):
                    base = base.rpartition(".")[0]
                base = f"{base}.{node.module}" if node.module else base
            else:
                base = node.module
            for a in node.names:  # `from pkg import sub` imports the module pkg.sub
                sub = f"{base}.{a.name}"
                if sub in MODULES:
                    found.add(sub)
                elif not _compiled(sub):  # a name the module binds
                    found.add(_target(base))
    found.discard(None)
    found.discard(module)
    return found


GRAPH = {m: _imports(m, p) for m, p in MODULES.items()}


def _components(graph: dict[str, set[str]]) -> list[set[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on_stack, comps = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.add(w)
                if w == v:
                    break
            if len(comp) > 1:
                comps.append(comp)

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return comps


def _shortest_cycle(start: str, comp: set[str], graph: dict[str, set[str]]) -> list[str]:
    """A shortest cycle from ``start`` back to it, inside its component (breadth first)."""
    paths = {start: [start]}
    queue = [start]
    for v in queue:
        for w in sorted(graph[v] & comp):
            if w == start:
                return paths[v] + [start]
            if w not in paths:
                paths[w] = paths[v] + [w]
                queue.append(w)
    raise AssertionError(f"{start} is on no cycle in {sorted(comp)}")  # pragma: no cover


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The shortest cycle through each module that is on one, each cycle once."""
    found = {}
    for comp in _components(graph):
        for v in sorted(comp):
            cycle = _shortest_cycle(v, comp, graph)[:-1]
            i = cycle.index(min(cycle))
            cycle = cycle[i:] + cycle[:i]
            found.setdefault(tuple(cycle), cycle + cycle[:1])
    return sorted(found.values())


# --- (a) the import graph ---------------------------------------------------------------------

def test_layout_finds_the_modules():
    assert {"framing", "framing.match", "framing.cli", "framing.cli._common"} <= set(MODULES)
    assert "framing.corpus" in GRAPH["framing.match"]
    assert "framing.cli._common" in GRAPH["framing.cli.matches"]


def test_layout_cycle_finder_reports_the_cycle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c", "a"]]
    graph = {"a": {"b"}, "b": {"a", "c"}, "c": {"b"}}
    assert _cycles(graph) == [["a", "b", "a"], ["b", "c", "b"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_layout_has_no_import_cycle():
    cycles = _cycles(GRAPH)
    assert not cycles, "import cycles:\n" + "\n".join(" -> ".join(c) for c in cycles)


def test_layout_only_cli_imports_cli():
    bad = sorted(
        f"{m} imports {t}" for m, targets in GRAPH.items() for t in targets
        if (t == "framing.cli" or t.startswith("framing.cli."))
        and not (m == "framing.cli" or m.startswith("framing.cli.")) and m not in ENTRY_POINTS
    )
    assert not bad, "\n".join(bad)


# --- (b) every module imports alone --------------------------------------------------------------

def _import_alone(module: str) -> tuple[str, subprocess.CompletedProcess]:
    proc = subprocess.run([sys.executable, "-c", f"import {module}"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    return module, proc


def test_layout_each_module_imports_in_a_fresh_interpreter():
    modules = [m for m in MODULES if m not in ENTRY_POINTS]
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(_import_alone, modules))
    failed = [f"{m}:\n{p.stderr.strip()[-1500:]}" for m, p in results if p.returncode]
    assert not failed, "\n\n".join(failed)


# --- (c) `import framing` stays light --------------------------------------------------------------

@pytest.mark.parametrize("heavy", ["matplotlib", "sklearn", "framing.cli"])
def test_layout_import_framing_does_not_import(heavy):
    code = f"import sys, framing; assert {heavy!r} not in sys.modules, 'imported {heavy}'"
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
