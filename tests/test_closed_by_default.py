"""Closed by default: personal mode listens on this machine only and calls nobody.

The real app is started the way ``make run`` starts it (``casemap demo
--if-empty``, then ``streamlit run app.py --server.port N``); the address is
not on the command line, so ``.streamlit/config.toml`` has to close it. Then:

- every socket the server process listens on is a loopback address (read
  from ``/proc``: the process's socket inodes against ``/proc/net/tcp*`` and
  ``/proc/net/udp*``);
- no connection, name lookup or URL request leaves the machine while the
  demo is loaded, the server starts and a first page runs (a websocket
  session like the browser's, then plain HTTP requests). A ``sitecustomize``
  put first on ``PYTHONPATH`` records these audit events of both processes;
  a self-test shows it records an attempt to reach outside, so the check
  cannot pass on an empty record;
- on an address that reaches other machines, personal mode refuses to
  start (the page shows why and no case).
"""

from __future__ import annotations

import ipaddress
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.browser.conftest import stop_process

ROOT = Path(__file__).resolve().parents[1]
AUDIT_ENV = "CASEMAP_NET_AUDIT"
HEALTH_DEADLINE = 60.0

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/net/tcp").exists(), reason="reads listening sockets from Linux's /proc"
)

#: Installed in the app's processes: one JSON line per network audit event.
SITECUSTOMIZE = '''\
"""Test hook (tests/test_closed_by_default.py): record every attempt to reach an address."""

import json
import os
import sys

_PATH = os.environ.get("CASEMAP_NET_AUDIT")
_SOCKET_EVENTS = {"socket.connect", "socket.sendto", "socket.sendmsg", "socket.bind"}
_HOST_EVENTS = {"socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr"}
_OTHER_EVENTS = {"socket.getnameinfo", "urllib.Request", "http.client.connect"}


def _plain(value):
    if isinstance(value, bytes):
        return value.decode("utf-8", "backslashreplace")
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return repr(value)


def _describe(event, args):
    if event in _SOCKET_EVENTS:
        family = getattr(args[0], "family", None)
        return {"family": getattr(family, "name", str(family)), "address": _plain(args[1])}
    if event in _HOST_EVENTS:
        return {"host": _plain(args[0])}
    if event == "socket.getnameinfo":
        return {"address": _plain(args[0])}
    if event == "urllib.Request":
        return {"url": _plain(args[0])}
    return {"host": _plain(args[1]), "port": _plain(args[2])}  # http.client.connect


def _hook(event, args):
    if event not in _SOCKET_EVENTS and event not in _HOST_EVENTS and event not in _OTHER_EVENTS:
        return
    try:
        record = {"pid": os.getpid(), "event": event, **_describe(event, args)}
        os.write(_FD, (json.dumps(record) + "\\n").encode("utf-8"))
    except Exception as err:  # never break the app; leave a trace instead
        os.write(_FD, (json.dumps({"event": "hook-error", "error": repr(err)}) + "\\n").encode())


if _PATH:
    _FD = os.open(_PATH, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    os.write(_FD, (json.dumps({"pid": os.getpid(), "event": "hook-installed",
                               "argv": sys.argv}) + "\\n").encode("utf-8"))
    sys.addaudithook(_hook)
'''


# ------------------------------------------------------------------ helpers
def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def is_loopback(host) -> bool:
    """Whether a host as recorded reaches this machine only (None: no host, local)."""
    if host is None:
        return True
    text = str(host).strip().strip("[]").split("%")[0]
    if text.lower() == "localhost":
        return True
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return False
    if address.version == 6 and address.ipv4_mapped:
        address = address.ipv4_mapped
    return address.is_loopback


def outside(events: list[dict]) -> list[dict]:
    """The recorded events that reach (or look up) something beyond this machine."""
    found = []
    for record in events:
        event = record["event"]
        if event in ("hook-installed",):
            continue
        if event == "hook-error":
            found.append(record)
        elif "family" in record:
            if record["family"] in ("AF_UNIX", "AF_NETLINK"):
                continue
            address = record["address"]
            if address is None and event == "socket.sendmsg":
                continue  # a connected socket: its connect was recorded
            if not (isinstance(address, list) and address and is_loopback(address[0])):
                found.append(record)
        elif "url" in record:
            from urllib.parse import urlsplit

            if not is_loopback(urlsplit(record["url"]).hostname):
                found.append(record)
        elif "host" in record:
            if not is_loopback(record["host"]):
                found.append(record)
        elif "address" in record:  # getnameinfo
            address = record["address"]
            if not (isinstance(address, list) and address and is_loopback(address[0])):
                found.append(record)
        else:
            found.append(record)
    return found


def read_events(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def _proc_address(text: str) -> tuple[ipaddress.IPv4Address | ipaddress.IPv6Address, int]:
    """'0100007F:1F90' from /proc/net/tcp as (address, port); words are in host order."""
    hex_address, hex_port = text.split(":")
    raw = bytes.fromhex(hex_address)
    if sys.byteorder == "little":
        raw = b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4))
    return ipaddress.ip_address(raw), int(hex_port, 16)


def listening_sockets(pid: int) -> set[tuple[str, str, int]]:
    """(table, address, port) of every socket the process listens on or receives on."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:  # closed meanwhile
            continue
        if target.startswith("socket:["):
            inodes.add(target[len("socket:[") : -1])
    # TCP 0A = LISTEN; UDP 07 = unconnected, so it receives from anyone
    states = {"tcp": "0A", "tcp6": "0A", "udp": "07", "udp6": "07"}
    found = set()
    for table, state in states.items():
        path = Path(f"/proc/{pid}/net/{table}")
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            fields = line.split()
            if fields[9] in inodes and fields[3] == state:
                address, port = _proc_address(fields[1])
                if port:
                    found.add((table, str(address), port))
    return found


def _child_env(tmp: Path, db: Path, events: Path) -> dict[str, str]:
    """The environment of ``make run`` with the hook: no STREAMLIT_* override, no ~/.streamlit."""
    hook = tmp / "hook"
    hook.mkdir(exist_ok=True)
    (hook / "sitecustomize.py").write_text(SITECUSTOMIZE)
    env = {k: v for k, v in os.environ.items() if not k.startswith("STREAMLIT_")}
    env.pop("CASEMAP_MODE", None)
    home = tmp / "home"
    home.mkdir(exist_ok=True)
    env.update(
        HOME=str(home),  # only the project's .streamlit/config.toml is read
        CASEMAP_DB=str(db),
        PYTHONPATH=os.pathsep.join(filter(None, [str(hook), os.environ.get("PYTHONPATH")])),
        **{AUDIT_ENV: str(events)},
    )
    return env


_stop = stop_process


class App:
    def __init__(self, proc: subprocess.Popen, port: int, events: Path, log: Path) -> None:
        self.proc, self.port, self.events, self.log = proc, port, events, log
        self.url = f"http://127.0.0.1:{port}"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """The app as ``make run`` starts it, with the network audit hook in both commands."""
    tmp = tmp_path_factory.mktemp("closed")
    db, events, log = tmp / "casemap.db", tmp / "network-events.jsonl", tmp / "streamlit.log"
    env = _child_env(tmp, db, events)
    subprocess.run(
        [sys.executable, "-m", "mapping.cli", "demo", "--if-empty", "--db", str(db)],
        check=True,
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=120,
    )
    port = free_port()
    with log.open("wb") as out:
        proc = subprocess.Popen(
            # no --server.address: .streamlit/config.toml must close it
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port)]
            + ["--server.headless", "true"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + HEALTH_DEADLINE
        while True:
            if proc.poll() is not None:
                pytest.fail(f"streamlit stopped:\n{log.read_text()[-3000:]}")
            try:
                url = f"http://127.0.0.1:{port}/_stcore/health"
                with urllib.request.urlopen(url, timeout=1) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"streamlit not healthy in {HEALTH_DEADLINE:.0f} s:\n{log.read_text()}")
            time.sleep(0.1)  # poll interval
        yield App(proc, port, events, log)
    finally:
        _stop(proc)


def first_page_run(url: str) -> bytes:
    """Run the app's first page over the websocket as the browser does; all bytes it sent."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.sync.client import connect  # a dependency of Streamlit itself

    received = []
    stream = url.replace("http://", "ws://") + "/_stcore/stream"
    with connect(stream, subprotocols=["streamlit"], max_size=None, open_timeout=10) as ws:
        rerun = BackMsg()
        rerun.rerun_script.query_string = ""
        rerun.rerun_script.page_script_hash = ""
        ws.send(rerun.SerializeToString())
        deadline = time.monotonic() + 60
        while True:
            data = ws.recv(timeout=max(0.1, deadline - time.monotonic()))
            received.append(data)
            message = ForwardMsg()
            message.ParseFromString(data)
            if message.WhichOneof("type") == "script_finished":
                return b"".join(received)


# ------------------------------------------------------------------ (a)
def test_listens_on_this_machine_only(app):
    found = listening_sockets(app.proc.pid)
    assert ("tcp", "127.0.0.1", app.port) in found, found
    reachable = [s for s in found if not is_loopback(s[1])]
    assert reachable == [], f"listening beyond this machine: {reachable}"
    assert f"http://127.0.0.1:{app.port}" in app.log.read_text()


# ------------------------------------------------------------------ (b)
def test_start_and_first_page_reach_nothing_outside(app):
    shown = first_page_run(app.url)
    for path in ("/", "/_stcore/health", "/_stcore/host-config"):
        with urllib.request.urlopen(app.url + path, timeout=10) as answer:
            assert answer.status == 200, path
    events = read_events(app.events)
    assert outside(events) == [], json.dumps(outside(events), indent=1)
    # and the check saw something: the page ran with the case, the hook ran in both commands
    assert b"DEMO\\-001" in shown or b"DEMO-001" in shown
    installed = {e["pid"] for e in events if e["event"] == "hook-installed"}
    assert app.proc.pid in installed and len(installed) >= 2, "the hook did not run in both"
    # the server's own bind was seen: the hook records the server's sockets
    assert any(
        e["event"] == "socket.bind" and e["pid"] == app.proc.pid and e["address"][1] == app.port
        for e in events
    ), events


def test_the_hook_records_an_attempt_to_reach_outside(tmp_path):
    """The audit hook and the check see a lookup and a connect beyond this machine.

    Nothing leaves: a numeric-only lookup asks no DNS server, and a UDP
    connect to TEST-NET-1 (192.0.2.0/24, never routed) sends no packet.
    """
    events = tmp_path / "self-test.jsonl"
    env = _child_env(tmp_path, tmp_path / "unused.db", events)
    code = (
        "import socket\n"
        "for host in ('example.invalid', '192.0.2.1', '127.0.0.1'):\n"
        "    try:\n"
        "        socket.getaddrinfo(host, 80, flags=socket.AI_NUMERICHOST)\n"
        "    except OSError:\n"
        "        pass\n"
        "for host in ('192.0.2.1', '127.0.0.1'):\n"
        "    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:\n"
        "        try:\n"
        "            s.connect((host, 9))\n"
        "        except OSError:\n"
        "            pass\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=tmp_path, timeout=60)
    recorded = read_events(events)
    flagged = [(e["event"], e.get("host") or e.get("address")) for e in outside(recorded)]
    assert flagged == [
        ("socket.getaddrinfo", "example.invalid"),
        ("socket.getaddrinfo", "192.0.2.1"),
        ("socket.connect", ["192.0.2.1", 9]),
    ]
    # the loopback attempts were recorded too, and not flagged
    assert ("socket.connect", ["127.0.0.1", 9]) in [
        (e["event"], e.get("address")) for e in recorded
    ]


# ------------------------------------------------------------------ (c)
@pytest.fixture
def server_address():
    """Set Streamlit's server.address for AppTest; the option is restored afterwards."""
    from streamlit import config

    before = config.get_option("server.address")
    where = config.get_where_defined("server.address")
    try:
        yield lambda value: config.set_option("server.address", value)
    finally:
        config.set_option("server.address", before, where)


def _app_run(page_app, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from views.state import OPEN_CASE

    monkeypatch.delenv("CASEMAP_MODE", raising=False)
    first = page_app("cases")  # fills the temporary database, gives the demo's id
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state[OPEN_CASE] = first.case_id  # the header would show it if let in
    at.run()
    assert not at.exception, at.exception
    shown = " ".join(m.value for m in at.markdown).replace("\\", "")
    return at, shown


@pytest.mark.parametrize("address", ["0.0.0.0", "::", "192.168.1.20", None])
def test_personal_mode_on_an_open_address_refuses(page_app, monkeypatch, server_address, address):
    server_address(address)  # None: the line removed from config.toml (all addresses)
    at, shown = _app_run(page_app, monkeypatch)
    [error] = at.error
    assert "persoonlijke modus" in error.value
    assert "server.address" in error.value.replace("\\", "")
    assert "DEMO-001" not in shown and "Jansen" not in shown
    assert not at.sidebar.markdown or all("DEMO" not in m.value for m in at.sidebar.markdown)


def test_personal_mode_on_loopback_shows_the_case(page_app, monkeypatch, server_address):
    """The control of the test above: the same run on 127.0.0.1 is let in."""
    server_address("127.0.0.1")
    at, shown = _app_run(page_app, monkeypatch)
    assert not at.error
    assert "DEMO-001" in shown
