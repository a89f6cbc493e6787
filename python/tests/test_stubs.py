"""The typed stubs (dyad/_dyad.pyi) say what the extension module has: every name, every
parameter, and nothing it lacks."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import dyad
from dyad import _dyad

STUB = ast.parse((Path(dyad.__file__).parent / "_dyad.pyi").read_text(encoding="utf-8"))


def params(fn: ast.FunctionDef) -> list[str]:
    a = fn.args
    return [p.arg for p in a.posonlyargs + a.args + a.kwonlyargs if p.arg != "self"]


def public(names) -> set[str]:
    return {n for n in names if not n.startswith("_") or n in ("__init__", "__version__")}


def test_every_stubbed_name_is_in_the_module_and_every_module_name_is_stubbed():
    stubbed = set()
    for node in STUB.body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            stubbed.add(node.name)
        elif isinstance(node, ast.AnnAssign):
            stubbed.add(node.target.id)
    assert stubbed == public(n for n in dir(_dyad) if not n.startswith("__") or n == "__version__")


def test_functions_and_methods_take_the_stubbed_parameters():
    assert params(next(n for n in STUB.body if getattr(n, "name", "") == "event_schema")) == list(
        inspect.signature(_dyad.event_schema).parameters
    )
    coder = next(n for n in STUB.body if isinstance(n, ast.ClassDef) and n.name == "Coder")
    methods = [n for n in coder.body if isinstance(n, ast.FunctionDef)]
    seen = set()
    for m in methods:
        seen.add(m.name)
        runtime = getattr(dyad.Coder, m.name)
        decorators = {getattr(d, "id", None) for d in m.decorator_list}
        if "property" in decorators:
            assert inspect.isgetsetdescriptor(runtime), m.name
            continue
        target = dyad.Coder if m.name == "__init__" else runtime
        runtime_params = [p for p in inspect.signature(target).parameters if p != "self"]
        assert params(m) == runtime_params, m.name
    assert seen == public(n for n in dir(dyad.Coder) if not n.startswith("__")) | {"__init__"}
