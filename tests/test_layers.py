"""The layers hold: ``practice/`` never imports Streamlit or SQLAlchemy (and reaches
``db`` only from its command line), ``db/`` and ``ui/plain/`` never import Streamlit."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _imported_roots(package: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in (ROOT / package).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], set()).add(str(path.relative_to(ROOT)))
    return found


def test_practice_imports_neither_streamlit_nor_sqlalchemy() -> None:
    roots = _imported_roots("practice")
    for banned in ("streamlit", "sqlalchemy", "alembic", "psycopg"):
        assert banned not in roots, f"{banned} imported by {sorted(roots[banned])}"


class _ImportsAtLoad(ast.NodeVisitor):
    """The roots a module imports when it loads: not those inside a function, which
    run only when it is called."""

    def __init__(self) -> None:
        self.roots: set[str] = set()

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        pass

    def visit_Import(self, node: ast.Import) -> None:
        self.roots.update(alias.name.split(".")[0] for alias in node.names)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.module and node.level == 0:
            self.roots.add(node.module.split(".")[0])


def _imported_at_load(path: Path) -> set[str]:
    visitor = _ImportsAtLoad()
    visitor.visit(ast.parse(path.read_text(encoding="utf-8")))
    return visitor.roots


def test_only_the_command_line_reaches_the_store_and_only_when_it_runs() -> None:
    """``python -m practice export`` needs ``db``; the rest of the core never imports it,
    and the command line imports it inside the handlers, so ``grade`` and ``validate``
    never load SQLAlchemy."""
    users = _imported_roots("practice").get("db", set())
    assert users == {"practice/cli/store_cmds.py"}, sorted(users)
    assert "db" not in _imported_at_load(ROOT / "practice/cli/store_cmds.py")


def test_plain_ui_modules_do_not_import_streamlit() -> None:
    roots = _imported_roots("ui/plain")
    assert "streamlit" not in roots, sorted(roots.get("streamlit", ()))


def test_db_does_not_import_streamlit() -> None:
    roots = _imported_roots("db")
    assert "streamlit" not in roots, sorted(roots.get("streamlit", ()))


def test_importing_the_core_loads_no_ui_or_orm() -> None:
    code = (
        "import sys, importlib, pkgutil, practice\n"
        "for m in pkgutil.walk_packages(practice.__path__, 'practice.'):\n"
        "    if not m.name.endswith('__main__'): importlib.import_module(m.name)\n"
        "bad = [m for m in ('streamlit', 'sqlalchemy') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
