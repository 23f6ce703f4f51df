"""Ways to break the progress store under a running Store, and to mend it again: a small
tmpfs of our own that fills up (simulated with SQLite's ``max_page_count`` where we may
not mount), a file that turns read-only, and a TCP relay in front of PostgreSQL that
can be cut.

Read-only is simulated as SQLite itself behaves: a connection opened while the file
cannot be written stays read-only (``PRAGMA query_only`` on each new connection), and
keeps being read-only after the file is writable again — the fault that used to
outlive its cause. (A filesystem cannot be remounted read-only under an open database,
and root writes whatever the file's mode says.)"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Engine, event


class Disk:
    """A 4 MiB filesystem for one SQLite store."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.mounted = _run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(root))
        self._pragma: str | None = None

    def url(self) -> str:
        return f"sqlite:///{self.root}/progress.sqlite3"

    def watch(self, engine: Engine) -> None:
        """Apply the simulated fault to each connection opened while it lasts."""
        self._engine = engine

        @event.listens_for(engine, "connect")
        def _fault(dbapi_connection: object, _record: object) -> None:
            if self._pragma is not None:
                dbapi_connection.execute(self._pragma)  # type: ignore[attr-defined]

    def read_only(self, on: bool) -> None:
        """The file turns read-only: every connection the store opens from now on is.
        Turned back, the connections already open stay read-only (as SQLite's do)."""
        self._pragma = "PRAGMA query_only = ON" if on else None
        if on:
            self._engine.dispose()

    def fill(self, on: bool) -> None:
        filler = self.root / "filler"
        if self.mounted:
            if on:
                with contextlib.suppress(OSError), open(filler, "wb") as out:
                    while True:
                        out.write(b"\0" * 65536)
            else:
                filler.unlink(missing_ok=True)
        else:
            self._pragma = "PRAGMA max_page_count = 1" if on else None

    def close(self) -> None:
        if self.mounted:
            _run("mount", "-o", "remount,rw", str(self.root))
            _run("umount", "-l", str(self.root))
        shutil.rmtree(self.root, ignore_errors=True)


def _run(*command: str) -> bool:
    if shutil.which(command[0]) is None:
        return False
    return subprocess.run(command, capture_output=True).returncode == 0


class Relay:
    """A TCP relay on 127.0.0.1 to ``target``; ``cut()`` drops every connection and
    refuses new ones (an unreachable server), ``mend()`` listens again on the same port."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.port = 0
        self._listener: socket.socket | None = None
        self._open: list[socket.socket] = []
        self._lock = threading.Lock()
        self.mend()

    def mend(self) -> None:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(16)
        self.port = listener.getsockname()[1]
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def cut(self) -> None:
        assert self._listener is not None
        with contextlib.suppress(OSError):  # wakes the accepting thread (close alone may not)
            self._listener.shutdown(socket.SHUT_RDWR)
        self._listener.close()
        with self._lock:
            for sock in self._open:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self._open.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.target)
            with self._lock:
                self._open += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=_pump, args=(a, b), daemon=True).start()


def _pump(source: socket.socket, sink: socket.socket) -> None:
    with contextlib.suppress(OSError):
        while data := source.recv(65536):
            sink.sendall(data)
    with contextlib.suppress(OSError):
        sink.shutdown(socket.SHUT_WR)


@contextlib.contextmanager
def small_disk(root: Path) -> Iterator[Disk]:
    root.mkdir(parents=True, exist_ok=True)
    disk = Disk(root)
    try:
        yield disk
    finally:
        disk.close()
