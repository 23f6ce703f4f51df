"""``python -m practice``: the command line of ../shared/contracts.md."""

import sys

from practice.cli import main

if __name__ == "__main__":
    sys.exit(main())
