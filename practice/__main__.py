"""``python -m practice``: the command line of ../shared/contracts.md."""

import os
import sys

from practice.cli import main


def _run() -> int:
    """Run the CLI, ending quietly when the reader of stdout goes away.

    ``python -m practice preview ID | head`` closes the pipe early; Python would
    print a BrokenPipeError traceback, which the contract rules out. The recipe is
    the one in the ``signal`` module's documentation: point stdout at devnull so the
    interpreter's final flush cannot fail again.
    """
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
