"""The deployment samples in deploy/ fit the app they deploy.

Every variable the samples set is one casemap (or Streamlit, or libpq)
reads; the sample sign-in starts team mode; the proxy sends websockets
through, sticks a browser to one process and lets an upload of the app's
own size through; the ports the proxy names are the processes systemd
starts; nginx itself accepts the file (where nginx is installed); and the
backup script's dump of a PostgreSQL database restores to the same cases.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from mapping.access.config import check_encryption, deployment

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
NGINX = (DEPLOY / "nginx-casemap.conf").read_text(encoding="utf-8")
UNIT = (DEPLOY / "casemap@.service").read_text(encoding="utf-8")
ENV_FILE = DEPLOY / "casemap.env"
BACKUP = DEPLOY / "casemap-backup.sh"
#: libpq's own environment variables a sample may use (psycopg hands them to libpq).
LIBPQ = {"PGPASSFILE", "PGSSLMODE", "PGSSLROOTCERT", "PGSERVICEFILE", "PGCONNECT_TIMEOUT"}


def _samples() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(DEPLOY.iterdir()) if p.is_file()}


def _app_source() -> str:
    files = [ROOT / "app.py", *(ROOT / "mapping").rglob("*.py"), *(ROOT / "views").rglob("*.py")]
    return "\n".join(f.read_text(encoding="utf-8") for f in files)


def _env_settings() -> dict[str, str]:
    """The active ``NAME=value`` lines of the sample environment file."""
    pairs = {}
    for line in ENV_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            pairs[name.strip()] = value.strip()
    return pairs


def test_every_casemap_variable_named_is_read_by_casemap():
    source = _app_source()
    script = BACKUP.read_text(encoding="utf-8")
    own = set(re.findall(r"\$\{(CASEMAP_[A-Z_]+):-", script))  # the backup script's own
    named = set()
    for text in _samples().values():
        named |= set(re.findall(r"\bCASEMAP_[A-Z_]+\b", text))
    assert {"CASEMAP_DB", "CASEMAP_MODE"} <= named
    unknown = {v for v in named if f'"{v}"' not in source and v not in own}
    assert not unknown, f"named in deploy/ but read nowhere: {sorted(unknown)}"


def test_every_other_variable_is_streamlits_or_libpqs():
    from streamlit import config

    streamlit_vars = {o.env_var for o in config.get_config_options().values()}
    for name in _env_settings():
        if name.startswith("CASEMAP_"):
            continue
        assert name in streamlit_vars or name in LIBPQ, name


def test_the_unit_passes_only_streamlit_options():
    from streamlit import config

    options = config.get_config_options()
    given = re.findall(r"--([a-zA-Z]+\.[a-zA-Z]+)", UNIT)
    assert "secrets.files" in given and "server.port" in given
    assert not [o for o in given if o not in options]
    assert "EnvironmentFile=/etc/casemap/casemap.env" in UNIT


def test_the_sample_sign_in_starts_team_mode():
    secrets = tomllib.loads((DEPLOY / "secrets.toml.example").read_text(encoding="utf-8"))
    secrets["auth"]["cookie_secret"] = "x" * 48  # the sample says how to make one
    found = deployment(secrets, "127.0.0.1", env={})
    assert found.team
    check_encryption(found, encrypted=False)  # a database casemap does not encrypt: says why
    public = re.search(r"^\s*server_name\s+([^;\s]+)", NGINX, re.M).group(1)
    assert secrets["auth"]["redirect_uri"] == f"https://{public}/oauth2callback"


def test_the_proxy_is_sticky_and_lets_the_websocket_through():
    upstream = re.search(r"upstream casemap \{(.*?)\}", NGINX, re.S).group(1)
    assert re.search(r"^\s*ip_hash;", upstream, re.M), "no sticky sessions"
    stream = re.search(r"location /_stcore/stream \{(.*?)\}", NGINX, re.S).group(1)
    assert "proxy_set_header Upgrade $http_upgrade;" in stream
    assert "proxy_set_header Connection $connection_upgrade;" in stream
    assert "proxy_http_version 1.1;" in stream
    read = int(re.search(r"proxy_read_timeout (\d+)s;", stream).group(1))
    assert read >= 3600, "an idle tab loses its session"
    assert "ssl_certificate " in NGINX and "return 301 https://" in NGINX


def test_the_proxy_names_the_processes_systemd_starts():
    upstream = re.search(r"upstream casemap \{(.*?)\}", NGINX, re.S).group(1)
    proxied = re.findall(r"^\s*server 127\.0\.0\.1:(\d+)", upstream, re.M)
    started = re.search(r"systemctl enable --now ((?:casemap@\d+ ?)+)", UNIT).group(1)
    assert proxied == re.findall(r"casemap@(\d+)", started)
    assert "--server.port %i" in UNIT and "--server.address 127.0.0.1" in UNIT


def test_an_upload_the_app_takes_passes_the_proxy():
    app_config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    megabytes = int(re.search(r"client_max_body_size (\d+)m;", NGINX).group(1))
    assert megabytes >= app_config["server"]["maxUploadSize"]


@pytest.mark.skipif(not shutil.which("nginx"), reason="nginx is not installed (optional)")
def test_nginx_accepts_the_sample(tmp_path):
    cert, key = tmp_path / "fullchain.pem", tmp_path / "privkey.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=casemap.example.org", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    site = NGINX.replace("/etc/ssl/casemap/fullchain.pem", str(cert)).replace(
        "/etc/ssl/casemap/privkey.pem", str(key)
    )
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\n  access_log off;\n{site}\n}}\n",
        encoding="utf-8",
    )
    checked = subprocess.run(
        ["nginx", "-t", "-p", str(tmp_path), "-c", str(conf)], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stderr
    assert "syntax is ok" in checked.stderr


def test_the_backup_script_refuses_a_sqlite_file(tmp_path):
    done = subprocess.run(
        ["sh", str(BACKUP), str(tmp_path)],
        env=dict(os.environ, CASEMAP_DB=str(tmp_path / "casemap.db")),
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert "casemap backup -o FILE" in done.stderr
    assert not list(tmp_path.iterdir())


def test_the_backup_restores_every_case_and_the_access_log(postgres, tmp_path):
    """casemap-backup.sh against a real PostgreSQL; pg_restore into an empty database."""
    from mapping.services.demo import demo_case
    from mapping.storage.store import Store

    source = postgres.fresh()
    with Store(source) as store:
        store.import_case(demo_case(), author="test")
        before = store.load("DEMO-001")
    env = dict(
        os.environ,
        CASEMAP_DB=source,
        CASEMAP_BIN=str(Path(sys.executable).with_name("casemap")),
        PATH=f"{postgres.bindir}:{os.environ['PATH']}",
    )
    done = subprocess.run(
        ["sh", str(BACKUP), str(tmp_path / "backups")], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    dump = Path(done.stdout.strip().splitlines()[-1])
    assert dump.exists() and dump.stat().st_mode & 0o077 == 0  # owner only
    checked = subprocess.run(
        ["sha256sum", "-c", f"{dump.name}.sha256"], cwd=dump.parent, capture_output=True
    )
    assert checked.returncode == 0
    head = Path(f"{dump}.audit-head").read_text().strip()
    assert re.fullmatch(r".*[0-9a-f]{64}.*", head, re.S), head

    target = postgres.fresh(migrated=False)
    restored = subprocess.run(
        [str(postgres.bindir / "pg_restore"), "--no-owner", "-d", target, str(dump)],
        capture_output=True,
        text=True,
    )
    assert restored.returncode == 0, restored.stderr
    with Store(target) as store:
        after = store.load("DEMO-001")
    assert [e.name for e in after.entities] == [e.name for e in before.entities]
    assert after.case.revision == before.case.revision
    verify = subprocess.run(
        [env["CASEMAP_BIN"], "audit", "verify"],
        env=dict(env, CASEMAP_DB=target),
        capture_output=True,
        text=True,
    )
    assert verify.returncode == 0, verify.stdout + verify.stderr
    for url in (source, target):
        postgres.drop(url)
