"""Start a worker from the forkserver without running the server's main script in it.

``multiprocessing`` prepares every child it starts by running the parent's ``__main__``
again (as ``__mp_main__``), so that functions defined there can be unpickled. Our tasks
live in modules, so that is only a cost here, and in a Streamlit server a harmful one:
while a page runs, ``sys.modules["__main__"]`` *is* the page script (``app.py``), which
each new worker would then execute. This is multiprocessing's own launch for the
forkserver (``popen_forkserver.Popen._launch``, CPython 3.11–3.13) with the two keys
that ask for that left out of the preparation data; there is no option for it, and
no well-kept library that starts processes from a forkserver does it either. On other
Python versions the standard launch is used.
"""

from __future__ import annotations

import io
import os
import sys
from multiprocessing import context, forkserver, popen_forkserver, reduction, spawn, util
from multiprocessing.process import BaseProcess
from typing import Any

_MAIN_KEYS = ("init_main_from_path", "init_main_from_name")
LEAN = (3, 11) <= sys.version_info[:2] <= (3, 13)


class _LeanPopen(popen_forkserver.Popen):
    def _launch(self, process_obj: BaseProcess) -> None:
        prep_data = spawn.get_preparation_data(process_obj._name)  # type: ignore[attr-defined]
        for key in _MAIN_KEYS:
            prep_data.pop(key, None)
        buf = io.BytesIO()
        context.set_spawning_popen(self)
        try:
            reduction.dump(prep_data, buf)
            reduction.dump(process_obj, buf)
        finally:
            context.set_spawning_popen(None)
        self.sentinel, w = forkserver.connect_to_new_process(self._fds)  # type: ignore[attr-defined]
        _parent_w = os.dup(w)
        self.finalizer = util.Finalize(self, util.close_fds, (_parent_w, self.sentinel))  # type: ignore[attr-defined]
        with open(w, "wb", closefd=True) as f:
            f.write(buf.getbuffer())
        self.pid = forkserver.read_signed(self.sentinel)


class WorkerProcess(context.ForkServerProcess):
    """A forkserver process that does not run the parent's main script first."""

    @staticmethod
    def _Popen(process_obj: Any) -> Any:
        return _LeanPopen(process_obj) if LEAN else popen_forkserver.Popen(process_obj)
