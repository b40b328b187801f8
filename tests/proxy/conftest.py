"""The proxy tier under test: Debian's varnishd running ``deploy/varnish/default.vcl`` in front of
pytest-django's live server.

Run with ``python -m pytest -q -p no:cacheprovider -m proxy tests/proxy`` (``bin/test`` does,
after the browser tests). The VCL is the production file with only its backend's port replaced
by the live server's. A missing varnishd is a failure, never a skip: a skipped proxy test hides a
broken gate (``bin/test`` decides whether to run these tests, as it does for the browser tests).
"""

from __future__ import annotations

import http.client
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
VCL = ROOT / "deploy" / "varnish" / "default.vcl"
VCL_BACKEND_PORT = '.port = "8000";'


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]  # lower-case names
    text: str

    @property
    def cache(self) -> str:
        """What Varnish did: HIT, MISS or PASS (``X-Proxy-Cache``, set by the VCL)."""
        return self.headers.get("x-proxy-cache", "")

    @property
    def varnish_ids(self) -> list[str]:
        """``X-Varnish``: this request's id, plus the id of the backend fetch that stored the
        object when the answer came from the cache."""
        return self.headers.get("x-varnish", "").split()


@dataclass
class Varnish:
    port: int

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def request(self, method: str, path: str, *, host: str, headers: dict | None = None) -> Answer:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
        try:
            conn.request(method, path, headers={"Host": host, **(headers or {})})
            response = conn.getresponse()
            body = response.read().decode("utf-8", "replace")
            return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, body)
        finally:
            conn.close()

    def get(self, path: str, *, host: str, **headers: str) -> Answer:
        return self.request("GET", path, host=host, headers=_header_names(headers))


def _header_names(headers: dict[str, str]) -> dict[str, str]:
    """``accept_language="vi"`` → ``{"Accept-Language": "vi"}``."""
    return {name.replace("_", "-").title(): value for name, value in headers.items()}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_listening(port: int, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"varnishd exited:\n{log.read_text()}", pytrace=False)
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"varnishd did not listen on {port}:\n{log.read_text()}", pytrace=False)


@pytest.fixture
def varnish(live_server) -> Iterator[Varnish]:
    """A fresh varnishd (empty cache) whose backend is the live server."""
    executable = os.environ.get("VARNISHD", "/usr/sbin/varnishd")
    if not (os.path.isfile(executable) and os.access(executable, os.X_OK)):
        pytest.fail(
            f"No varnishd at {executable!r}: install Debian's varnish (apt-get install varnish) "
            "or point VARNISHD at one. Proxy tests are never skipped.",
            pytrace=False,
        )
    source = VCL.read_text()
    assert source.count(VCL_BACKEND_PORT) == 1, f"{VCL} must name one backend port"
    backend_port = urlsplit(live_server.url).port
    # varnishd drops its privileges (Debian's "varnish" and "vcache" users) before it reads the
    # VCL: a directory of its own that others may read, not pytest's private tmp_path.
    tmp_path = Path(tempfile.mkdtemp(prefix="portal-varnish-"))
    tmp_path.chmod(0o755)
    vcl = tmp_path / "default.vcl"
    vcl.write_text(source.replace(VCL_BACKEND_PORT, f'.port = "{backend_port}";'))
    vcl.chmod(0o644)
    workdir = tmp_path / "varnish"
    port = _free_port()
    log = tmp_path / "varnishd.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [executable, "-F", "-n", str(workdir), "-a", f"127.0.0.1:{port}", "-T", "none",
             "-f", str(vcl), "-s", "malloc,32m"],
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    try:
        _wait_until_listening(port, proc, log)
        yield Varnish(port)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutil.rmtree(tmp_path, ignore_errors=True)
