"""The one setting of the sandbox: whether a developer's own machine may run learner
code without it.

``PRACTICE_UNSAFE_CODE_RUNNER=1`` lets code be graded in a plain subprocess (limits
but no namespaces: the code could read and write what the server's user can) when the
sandbox cannot start, say on a laptop without bubblewrap. It is never the default,
only the exact value ``1`` counts, and it is refused whenever ``CI`` is set, so a test
run can never fall back to it.
"""

from __future__ import annotations

import os

from practice.sandbox.errors import SandboxUnavailable

UNSAFE_SETTING = "PRACTICE_UNSAFE_CODE_RUNNER"


def unsandboxed_allowed() -> bool:
    if os.environ.get(UNSAFE_SETTING, "") != "1":
        return False
    if os.environ.get("CI", "").strip() not in ("", "0", "false"):
        raise SandboxUnavailable(f"{UNSAFE_SETTING}=1 is refused when CI is set")
    return True
