"""The bubblewrap command line, both forms: the nested one root uses, and the single
one an ordinary user's server uses (run here too, so that form is tested on CI)."""

from __future__ import annotations

import json
import secrets

from practice.limits import LIMITS
from practice.sandbox import Call, array, function, protocol
from practice.sandbox.bwrap import sandbox_command
from practice.sandbox.environment import SITE_INSIDE, current_environment
from practice.sandbox.pipes import REPORT_FD, run
from practice.sandbox.report import read_report
from practice.sandbox.runner import harness_source
from tests.sandbox.helpers import F_SOURCE, RIGHT, assert_nothing_left


def program(token: str) -> list[str]:
    env = current_environment()
    return [
        str(env.executable), "-I", "-S", "-B", "-c", harness_source(),
        REPORT_FD, token, SITE_INSIDE, json.dumps(LIMITS.sandbox.inside()),
    ]  # fmt: skip


def test_as_root_the_program_runs_unprivileged_in_a_user_namespace() -> None:
    argv = sandbox_command(["python"], current_environment(), LIMITS.sandbox, as_root=True)
    drop = argv.index("--reuid=65534")
    inner = argv[drop:]
    assert argv[:drop].count("--unshare-user") == 0  # the outer bwrap keeps its privilege
    for flag in ("--unshare-user", "--disable-userns", "--cap-drop", "--die-with-parent"):
        assert flag in inner
    for flag in ("--unshare-pid", "--unshare-net", "--unshare-ipc", "--clearenv", "--new-session"):
        assert flag in argv[:drop]


def test_the_single_bwrap_form_isolates_the_same_way() -> None:
    token = secrets.token_hex(16)
    env = current_environment()
    argv = sandbox_command(program(token), env, LIMITS.sandbox, as_root=False)
    assert "setpriv" not in " ".join(argv)
    probe = RIGHT + (
        "import os, socket\n"
        "def probe():\n"
        "    try:\n"
        "        socket.create_connection(('127.0.0.1', 5432), timeout=1)\n"
        "        net = 'reached'\n"
        "    except OSError:\n"
        "        net = 'no network'\n"
        "    return [net, sorted(os.listdir('/')), sorted(os.environ), len(os.listdir('/proc'))]\n"
    )
    calls = [
        Call((function("f", F_SOURCE), array([1.2, -0.4]))),
        Call(target={"$learner": "probe"}),
    ]
    finished = run(
        argv,
        job=protocol.job(probe, "numerical_gradient", calls),
        deadline_seconds=LIMITS.sandbox.wall_seconds,
        output_cap=LIMITS.sandbox.output_bytes,
        report_cap=LIMITS.sandbox.results_bytes,
    )
    report = read_report(finished, token, 2, LIMITS.sandbox, sandboxed=True)
    assert_nothing_left(token)
    assert report.outcomes[0].returned
    net, root, environ, _ = report.outcomes[1].value
    assert net == "no network"
    assert "work" not in root and "home" not in root and "etc" not in root
    assert "PATH" in environ and not any(name.startswith("PRACTICE") for name in environ)
