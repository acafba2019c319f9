"""The layers import downwards only: loaders (the library) ← liaison (graph layer, CLI) ← explorer (pages).

Imports inside functions count too: a lazy import is still a dependency.
"""

import ast
from pathlib import Path

import networkx as nx
import pytest

from .conftest import ROOT

PACKAGES = ("loaders", "liaison", "explorer")
#: What each package may import from the others.
ALLOWED = {"loaders": set(), "liaison": {"loaders"}, "explorer": {"loaders", "liaison"}}


def modules():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            rel = path.relative_to(ROOT).with_suffix("")
            parts = list(rel.parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            yield ".".join(parts), path


def imports(name: str, path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
                if node.module:
                    out.add(target)
                # `from . import rules` imports the submodule (or a name of the package: resolved below)
                out |= {f"{target}.{a.name}" for a in node.names}
            elif node.module:
                out.add(node.module)
                out |= {f"{node.module}.{a.name}" for a in node.names}
    return {i for i in out if i.split(".")[0] in PACKAGES}


GRAPH = nx.DiGraph()
KNOWN = dict(modules())
for _name, _path in KNOWN.items():
    GRAPH.add_node(_name)
    for target in imports(_name, _path):
        while target not in KNOWN and "." in target:
            target = target.rsplit(".", 1)[0]
        if target in KNOWN and target != _name:
            GRAPH.add_edge(_name, target)


@pytest.mark.parametrize("package", PACKAGES)
def test_a_package_imports_only_the_layers_below(package):
    wrong = sorted((a, b) for a, b in GRAPH.edges
                   if a.split(".")[0] == package and b.split(".")[0] not in ALLOWED[package] | {package})
    assert wrong == []


def test_no_module_import_cycles():
    assert list(nx.simple_cycles(GRAPH)) == []


def test_the_check_sees_lazy_imports():
    assert ("loaders.pipeline", "loaders.review") in GRAPH.edges


def test_no_extraction_code_branches_on_a_language_code():
    """A language is a pack: extraction code compares no value with a language code and keys
    no table by one (only the registry, languages.py, names the lingua franca)."""
    import ast

    from loaders.extract.languages import supported

    codes = set(supported())
    found = []
    for path in sorted((ROOT / "loaders" / "extract").glob("*.py")):
        if path.name == "languages.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            consts = []
            if isinstance(node, ast.Compare):
                for side in [node.left, *node.comparators]:
                    if isinstance(side, (ast.Tuple, ast.List, ast.Set)):
                        consts += side.elts
                    else:
                        consts.append(side)
            elif isinstance(node, ast.Dict):
                consts += [k for k in node.keys if k is not None]
            for c in consts:
                if isinstance(c, ast.Constant) and c.value in codes:
                    found.append(f"{path.name}:{c.lineno} {c.value!r}")
    assert not found, found
