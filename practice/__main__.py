"""``python -m practice``: the command line of ../shared/contracts.md."""

import io
import os
import sys

from practice.cli import main


def _printable_anywhere() -> None:
    """Never fail on a character the output cannot encode.

    With ``PYTHONIOENCODING=ascii`` (or a Latin-1 pipe) a prompt's `—` or `η` would end
    ``preview`` in a UnicodeEncodeError traceback; it is written as ``\u2014`` instead,
    which inside ``--json`` output is still the same JSON string.
    """
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            stream.reconfigure(errors="backslashreplace")


def _run() -> int:
    """Run the CLI, ending quietly when the reader of stdout goes away.

    ``python -m practice preview ID | head`` closes the pipe early; Python would
    print a BrokenPipeError traceback, which the contract rules out. The recipe is
    the one in the ``signal`` module's documentation: point stdout at devnull so the
    interpreter's final flush cannot fail again.
    """
    _printable_anywhere()
    try:
        status = main()
        sys.stdout.flush()
        return status
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(_run())
