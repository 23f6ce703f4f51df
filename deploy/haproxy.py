"""The haproxy configuration for N Streamlit replicas, written from one template.

Why these settings:

- **Stickiness by cookie.** A Streamlit session lives in one server process (widget
  state, the websocket's session), so every request of a browser must reach the same
  replica. haproxy inserts the cookie ``GP_REPLICA`` (the replica's name) on the first
  response; the browser sends it back with the page's assets and with the websocket
  upgrade on ``/_stcore/stream``. ``indirect`` keeps it away from the replicas, ``nocache``
  keeps shared caches from storing it.
- **Failover.** ``option redispatch 1`` sends a request whose replica is down (its
  cookie names a dead server) to another one at its first retry, which sets a new
  cookie; the health check on ``/_stcore/health`` marks a dead replica down within about two seconds (a dead process
  refuses the check at once); ``retry-on empty-response`` retries a request sent on a
  kept-alive connection to a replica that died under it. A replica's open websockets
  close when its process dies, and the browsers reconnect on their own.
- **A busy replica is not a dead one.** Under load (bench/class_load.py: 160 learners on
  one replica) the health check waited over a second; with a 1 s check timeout haproxy
  marked the only replica down and, told to ``shutdown-sessions``, cut all 160
  websockets. So a check may take ``timeout check`` (5 s), three must fail in a row, and
  a replica marked down keeps its sessions: its learners lose nothing by waiting.
- **Websockets.** haproxy passes the HTTP upgrade through in ``mode http``; once
  upgraded, ``timeout tunnel`` applies instead of the client/server timeouts: a learner's
  tab stays connected for a whole lesson, idle while they think.
- **leastconn.** Websockets are long-lived: a new browser goes to the replica holding
  the fewest connections, not the next in turn.
- **X-Replica.** Every response names the replica that served it, for tests and for an
  operator's ``curl -I``.

``python -m deploy.haproxy --replicas N`` prints the configuration;
``deploy/haproxy.cfg`` is its output with the defaults (a test keeps them equal).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass

DEFAULT_HOST = "0.0.0.0"
DEFAULT_PORT = 8501
DEFAULT_FIRST_REPLICA_PORT = 8511
DEFAULT_REPLICAS = 2
MAX_REPLICAS = 64
COOKIE = "GP_REPLICA"
REPLICA_HEADER = "X-Replica"
TUNNEL_TIMEOUT = "2h"  # an idle websocket (a learner thinking) outlives this only overnight

_TEMPLATE = """\
# haproxy in front of {count} Streamlit replicas of Gradient Practice, all on one store.
# Written by `python -m deploy.haproxy --replicas {count} --host {host} --port {port}
# --first-port {first_port}`: change the generator (deploy/haproxy.py), not this file.
# scripts/class-server.sh writes its own copy for the number of replicas it starts.

global
    maxconn 4096

defaults
    mode http
    option dontlognull
    timeout connect 5s
    timeout client 60s
    timeout server 60s
    timeout http-request 15s
    timeout http-keep-alive 15s
    timeout client-fin 10s
    timeout server-fin 10s
    # websockets (/_stcore/stream): once upgraded, only this applies
    timeout tunnel {tunnel}
    # every retry goes to another replica: a browser whose replica just died is not
    # held for three retries on the dead one (or sent back to it once restarted)
    option redispatch 1
    retries 3
    # a replica killed under a kept-alive connection answers nothing: try another one
    retry-on conn-failure empty-response

frontend practice
    bind {host}:{port}
    default_backend replicas

backend replicas
    balance leastconn
    cookie {cookie} insert indirect nocache httponly
    option httpchk GET /_stcore/health
    http-check expect status 200
    timeout check 5s
    default-server inter 1s fastinter 500ms downinter 2s fall 3 rise 2
    http-response set-header {header} %[srv_name]
{servers}
"""


@dataclass(frozen=True)
class Replica:
    """One ``streamlit run`` process: its name (also its cookie value) and port."""

    name: str
    port: int
    host: str = "127.0.0.1"


@dataclass(frozen=True)
class ProxyPlan:
    """Where haproxy listens and which replicas it balances."""

    host: str
    port: int
    replicas: tuple[Replica, ...]

    @classmethod
    def numbered(
        cls,
        count: int,
        *,
        host: str = DEFAULT_HOST,
        port: int = DEFAULT_PORT,
        first_port: int = DEFAULT_FIRST_REPLICA_PORT,
    ) -> ProxyPlan:
        """Replicas ``r1``…``rN`` on consecutive ports from ``first_port``."""
        if not 1 <= count <= MAX_REPLICAS:
            raise ValueError(f"the number of replicas must be between 1 and {MAX_REPLICAS}")
        ports = range(first_port, first_port + count)
        if port in ports or not (0 < first_port and first_port + count - 1 < 65536):
            raise ValueError(
                f"replica ports {first_port}…{first_port + count - 1} clash or overflow"
            )
        return cls(host, port, tuple(Replica(f"r{n + 1}", p) for n, p in enumerate(ports)))


def render(plan: ProxyPlan) -> str:
    """The configuration text for ``plan``."""
    servers = "\n".join(
        f"    server {r.name} {r.host}:{r.port} cookie {r.name} check" for r in plan.replicas
    )
    first_port = plan.replicas[0].port
    return _TEMPLATE.format(
        count=len(plan.replicas),
        host=plan.host,
        port=plan.port,
        first_port=first_port,
        tunnel=TUNNEL_TIMEOUT,
        cookie=COOKIE,
        header=REPLICA_HEADER,
        servers=servers,
    )


def parser() -> argparse.ArgumentParser:
    parse = argparse.ArgumentParser(
        prog="python -m deploy.haproxy",
        description="Print the haproxy configuration for N Streamlit replicas.",
    )
    parse.add_argument("--replicas", type=int, default=DEFAULT_REPLICAS, metavar="N")
    parse.add_argument("--host", default=DEFAULT_HOST, help="address haproxy listens on")
    parse.add_argument("--port", type=int, default=DEFAULT_PORT, help="port haproxy listens on")
    parse.add_argument(
        "--first-port",
        type=int,
        default=DEFAULT_FIRST_REPLICA_PORT,
        help="port of replica r1; r2 gets the next, and so on (loopback only)",
    )
    return parse


def main(argv: list[str] | None = None) -> int:
    parse = parser()
    args = parse.parse_args(argv)
    try:
        plan = ProxyPlan.numbered(
            args.replicas, host=args.host, port=args.port, first_port=args.first_port
        )
    except ValueError as error:
        parse.error(str(error))
    sys.stdout.write(render(plan))
    return 0


if __name__ == "__main__":
    sys.exit(main())
