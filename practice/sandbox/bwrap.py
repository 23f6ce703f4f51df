"""The bubblewrap command line that puts a program in the sandbox.

What the program gets: new user, PID, network, IPC, UTS and cgroup namespaces (no
network at all, no other process visible, no way back to the server's user); a root
made of the system's ``/usr`` and the interpreter's installation, read-only, the
allowed packages under ``/sandbox/site``, a small empty tmpfs at ``/tmp`` and nothing
else (no project, no store, no ``/home``, no ``/etc``); an empty environment; a new
session (no terminal to inject keystrokes into); ``--die-with-parent``, so the whole
sandbox dies with the process that started it; no capabilities; and no further user
namespaces.

Run as root (a server in a container, CI), one bwrap is not enough: the kernel exempts
the real root user from the process limit (RLIMIT_NPROC), and a user namespace still
maps its user to root outside. So as root an outer bwrap, privileged, builds the
mounts and namespaces, ``setpriv`` then drops to an unprivileged user outside, and an
inner, unprivileged bwrap adds the user namespace around the program. The outer
bwrap's own init stays the PID namespace's first process: it keeps the
``--die-with-parent`` signal that ``setpriv``'s change of user clears, so killing the
outer bwrap still empties the namespace. Run as an ordinary user, one bwrap does it
all.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from pathlib import Path

from practice.limits import SandboxLimits
from practice.sandbox.environment import SITE_INSIDE, PythonEnvironment
from practice.sandbox.errors import SandboxUnavailable

SANDBOX_UID = 65534  # nobody: owns nothing on the server
SYSTEM_LINKS = ("/bin", "/sbin", "/lib", "/lib64", "/lib32", "/libx32")
ENVIRONMENT = {
    "HOME": "/tmp",
    "PATH": "/usr/bin:/bin",
    "LANG": "C.UTF-8",
    "OPENBLAS_NUM_THREADS": "1",  # numpy's BLAS would start a thread per core
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
}
NAMESPACES = (
    "--unshare-pid",
    "--unshare-net",
    "--unshare-ipc",
    "--unshare-uts",
    "--unshare-cgroup-try",
    "--hostname",
    "sandbox",
)
ISOLATION = ("--die-with-parent", "--new-session")


def find_tool(name: str) -> str:
    path = shutil.which(name)  # on the server's PATH only: that is where an operator looks
    if path is None:
        raise SandboxUnavailable(
            f"`{name}` is not installed, so learner code cannot run safely; "
            "install Debian's `bubblewrap` package (scripts/run.sh does it when run as root)"
        )
    return path


def sandbox_command(
    program: Sequence[str], env: PythonEnvironment, limits: SandboxLimits, *, as_root: bool
) -> list[str]:
    """The full command that runs ``program`` (an argv) in the sandbox."""
    bwrap = find_tool("bwrap")
    setup = [*NAMESPACES, *ISOLATION, *_mounts(env, limits), *_environment(), "--chdir", "/tmp"]
    if not as_root:
        return [bwrap, *_user_namespace(), *setup, "--", *program]
    drop = [
        find_tool("setpriv"),
        f"--reuid={SANDBOX_UID}",
        f"--regid={SANDBOX_UID}",
        "--clear-groups",
        "--inh-caps=-all",
        "--bounding-set=-all",
        "--",
    ]
    inner = [bwrap, *_user_namespace(), *ISOLATION, "--ro-bind", "/", "/"]
    inner += ["--bind", "/tmp", "/tmp", "--chdir", "/tmp", "--", *program]
    return [bwrap, *setup, "--", *drop, *inner]


def _user_namespace() -> list[str]:
    uid = str(SANDBOX_UID)
    return ["--unshare-user", "--disable-userns", "--uid", uid, "--gid", uid, "--cap-drop", "ALL"]


def _mounts(env: PythonEnvironment, limits: SandboxLimits) -> list[str]:
    args = ["--ro-bind", "/usr", "/usr"]
    for link in SYSTEM_LINKS:
        if os.path.islink(link):
            args += ["--symlink", os.readlink(link), link]
        elif os.path.isdir(link):
            args += ["--ro-bind", link, link]
    if not env.prefix.is_relative_to("/usr"):
        args += _parents(env.prefix) + ["--ro-bind", str(env.prefix), str(env.prefix)]
    for folder in env.hidden:
        args += ["--tmpfs", str(folder), "--remount-ro", str(folder)]
    args += _parents(Path(SITE_INSIDE) / "package")
    for package in env.packages:
        args += ["--ro-bind", str(package), f"{SITE_INSIDE}/{package.name}"]
    args += ["--proc", "/proc", "--dev", "/dev", "--remount-ro", "/dev"]
    args += ["--perms", "1777", "--size", str(limits.tmpfs_bytes), "--tmpfs", "/tmp"]
    return args


def _parents(path: Path) -> list[str]:
    """Create the folders above a mount point world-readable: bwrap would copy the
    modes of the host's (``/root`` is 0700, and the sandbox user could not pass)."""
    args: list[str] = []
    for parent in reversed(path.parents[:-1]):
        args += ["--perms", "0755", "--dir", str(parent)]
    return args


def _environment() -> list[str]:
    args = ["--clearenv"]
    for name, value in ENVIRONMENT.items():
        args += ["--setenv", name, value]
    return args
