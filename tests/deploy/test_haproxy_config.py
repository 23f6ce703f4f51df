"""deploy/haproxy.cfg is the generator's output, and haproxy accepts what it writes."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from deploy.class_server import main as class_server_main
from deploy.haproxy import COOKIE, ProxyPlan, main, render

ROOT = Path(__file__).resolve().parents[2]


def test_the_shipped_config_is_the_generators_output_for_two_replicas() -> None:
    shipped = (ROOT / "deploy" / "haproxy.cfg").read_text()
    assert shipped == render(ProxyPlan.numbered(2))
    assert "server r1 127.0.0.1:8511 cookie r1 check" in shipped
    assert "server r2 127.0.0.1:8512 cookie r2 check" in shipped
    assert f"cookie {COOKIE} insert indirect nocache" in shipped
    assert "option httpchk GET /_stcore/health" in shipped
    assert "timeout tunnel" in shipped and "option redispatch" in shipped


@pytest.mark.parametrize("count", [1, 2, 5])
def test_haproxy_accepts_the_config_for_n_replicas(count: int, tmp_path: Path) -> None:
    haproxy = shutil.which("haproxy")
    if haproxy is None:
        pytest.fail("Debian's haproxy is missing: apt-get install haproxy (scripts/test.sh does)")
    config = tmp_path / "haproxy.cfg"
    config.write_text(render(ProxyPlan.numbered(count, port=18000, first_port=18001)))
    checked = subprocess.run(
        [haproxy, "-c", "-f", str(config)], capture_output=True, text=True, check=False
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert config.read_text().count(" cookie r") == count


def test_impossible_plans_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    for count in (0, 65):
        with pytest.raises(ValueError):
            ProxyPlan.numbered(count)
    with pytest.raises(ValueError):
        ProxyPlan.numbered(3, port=8512, first_port=8511)  # haproxy's port among the replicas'
    with pytest.raises(SystemExit) as exit_info:
        main(["--replicas", "0"])
    assert exit_info.value.code == 2 and "between 1 and" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["--replicas", "0"], "between 1 and"),
        (["--server.port", "9000"], "set per replica"),
        (["--server.address=0.0.0.0"], "set per replica"),
        (["--databse.url", "x"], "unknown argument --databse.url"),
        (["stray"], "unknown argument stray"),
        (["--server.maxUploadSize"], "needs a value"),
    ],
)
def test_the_class_server_refuses_bad_arguments_before_starting_anything(
    argv: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        class_server_main(argv)
    assert exit_info.value.code == 2 and said in capsys.readouterr().err
