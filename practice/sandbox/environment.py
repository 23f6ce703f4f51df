"""Which parts of this machine's Python the sandbox may see.

The learner's code runs on the interpreter the app runs on (so numpy's wheels match),
but not in the app's environment: the sandbox gets the interpreter's own installation
read-only (its standard library, with its site-packages hidden) and, from the project's
environment, only the packages a code exercise may import (numpy). The venv, the
project folder, the store and the server's environment variables are not there.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from practice.sandbox.errors import SandboxUnavailable

SITE_INSIDE = "/sandbox/site"  # where the allowed packages appear inside
ALLOWED_PACKAGES = ("numpy",)


@dataclass(frozen=True)
class PythonEnvironment:
    executable: Path  # the real interpreter, not a venv's symlink to it
    prefix: Path  # its installation, mounted read-only at the same path
    hidden: tuple[Path, ...]  # folders of the installation covered by an empty tmpfs
    packages: tuple[Path, ...]  # package folders shown inside under SITE_INSIDE
    site: Path  # the folder holding those packages here (for the unsandboxed run)


def current_environment(packages: tuple[str, ...] = ALLOWED_PACKAGES) -> PythonEnvironment:
    executable = Path(os.path.realpath(sys.executable))
    prefix = Path(os.path.realpath(sys.base_prefix))
    if not executable.is_relative_to(prefix) and not executable.is_relative_to("/usr"):
        raise SandboxUnavailable(f"the interpreter {executable} lies outside {prefix}")
    found = [folder for name in packages for folder in _package_folders(name)]
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    base_site = prefix / "lib" / version / "site-packages"
    hidden = (base_site,) if base_site.is_dir() and base_site.is_relative_to(prefix) else ()
    return PythonEnvironment(
        executable=executable,
        prefix=prefix,
        hidden=hidden,
        packages=tuple(found),
        site=found[0].parent if found else prefix,
    )


def _package_folders(name: str) -> list[Path]:
    """The package's folder and, for manylinux wheels, its ``name.libs`` folder of
    bundled shared libraries, which the package finds relative to itself."""
    spec = importlib.util.find_spec(name)
    locations = list(spec.submodule_search_locations or []) if spec else []
    if not locations:
        raise SandboxUnavailable(f"the package {name} is not installed")
    folder = Path(os.path.realpath(locations[0]))
    libs = folder.with_name(f"{name}.libs")
    return [folder, libs] if libs.is_dir() else [folder]
