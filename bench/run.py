"""The production-like benchmark: one command, a markdown report.

    .venv/bin/python bench/run.py            # full data set, 10 s per measurement (~15 min)
    .venv/bin/python bench/run.py --quick    # small data set, 3 s per measurement (~3 min)
    .venv/bin/python bench/run.py --reuse    # keep the seeded database from the last run

What it does (details and how to read the report: bench/README.md):

1. creates the PostgreSQL database ``portal_bench`` (``postgres://postgres@127.0.0.1:5432``)
   and empties Redis database 14, migrates, seeds (``bench/seed.py``), ``collectstatic``;
2. starts the stack on loopback ports chosen at random: gunicorn (production settings,
   ``bench/settings.py``), the worker (``manage.py run_worker``), Varnish with
   ``deploy/varnish/default.vcl`` (only its backend port changed) and, as the yardstick, nginx
   serving a static copy of the large school's home page;
3. drives each with wrk (2 threads, concurrency 16 and 64, bounded in time): the static copy,
   cached pages through Varnish, cached pages from gunicorn alone, pages rendered for every
   request (a second gunicorn with the page cache off), search;
4. times publish-to-visible: an article published through Wagtail's revision publishing, the
   large school's home page polled through Varnish and through gunicorn until its title shows;
5. samples the memory (RSS and PSS from /proc) of gunicorn, the worker, Varnish, PostgreSQL
   (this database's backends and the server's own processes) and Redis the whole time;
6. prints the report and writes it to ``bench/results/<date>.md``; stops everything it started.

Needs: Debian's ``wrk``, ``nginx`` and ``varnish`` packages, PostgreSQL and Redis on
127.0.0.1 (``apt-get install wrk nginx varnish postgresql redis-server``). It never touches the
system's nginx/Varnish services or their ports.
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import html
import http.client
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
VAR = ROOT / "var" / "bench"
PYTHON = sys.executable
PG_SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
DB_NAME = "portal_bench"
REDIS_URL = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/14")
VCL = ROOT / "deploy" / "varnish" / "default.vcl"
VCL_BACKEND_PORT = '.port = "8000";'
# The page cache is switched off for the "rendered" measurements with this environment.
PAGE_CACHE_OFF = {"PORTAL_PAGE_CACHE_SECONDS": "0"}

SEARCH_TERMS = (
    "khai giảng", "khai giang", "học sinh giỏi", "hoc sinh gioi", "an toàn giao thông", "kế hoạch",
    "Toán 8", "thư viện", "đọc sách", "bóng đá", "chuyển đổi số", "chuyen doi so", "STEM",
    "hướng nghiệp", "đề kiểm tra", "quy chế chi tiêu", "tuyển sinh lớp 6", "hội thi giáo viên",
    "phòng chống đuối nước", "20/11",
)  # fmt: skip

WRK_DONE = r"""
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests":%d,"duration_us":%d,"bytes":%d,"connect":%d,"read":%d,"write":%d,' ..
    '"status":%d,"timeout":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status,
    e.timeout, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
"""
WRK_ROTATE = r"""
local paths, n = {}, 0
init = function(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  n = math.random(#paths)
end
request = function()
  n = n % #paths + 1
  return wrk.format(nil, paths[n])
end
"""


# --- small helpers ---------------------------------------------------------------------------
def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(port: int, path: str, host: str, headers: dict | None = None, method: str = "GET"):
    """(status, headers as a dict with lower-case names, body as text)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, headers={"Host": host, **(headers or {})})
        response = conn.getresponse()
        body = response.read()
        if response.getheader("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        return (
            response.status,
            {k.lower(): v for k, v in response.getheaders()},
            body.decode("utf-8", "replace"),
        )
    finally:
        conn.close()


def wait_for(port: int, host: str, path: str = "/", timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            status, _, _ = fetch(port, path, host)
            if status < 500:
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise SystemExit(f"nothing answers on 127.0.0.1:{port}{path} after {timeout} s")
        time.sleep(0.2)


def run(cmd: list[str], env: dict, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, env=env, cwd=ROOT, check=True, **kwargs)  # noqa: S603


def children(pid: int) -> list[int]:
    """Every descendant of ``pid`` (from /proc)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            parents.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        kids = parents.get(todo.pop(), [])
        found.extend(kids)
        todo.extend(kids)
    return found


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
    except OSError:
        return ""


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_ticks(pid: int) -> int:
    """User and system CPU time of ``pid`` in clock ticks (0 when it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])


def rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def pss_kb(pid: int) -> int:
    """PSS shares the pages several processes use (PostgreSQL's shared buffers, code loaded
    before gunicorn forks) among them instead of counting them in each."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


@dataclass(frozen=True)
class Server:
    """A gunicorn configuration."""

    workers: int
    threads: int = 1
    worker_class: str = "sync"

    def __str__(self) -> str:
        return f"{self.workers} {self.worker_class} worker(s) × {self.threads} thread(s)"


# --- the processes ---------------------------------------------------------------------------
@dataclass
class Stack:
    tmp: Path
    env: dict
    procs: dict[str, subprocess.Popen] = field(default_factory=dict)
    logs: list = field(default_factory=list)

    def start(self, name: str, cmd: list[str], env: dict | None = None) -> subprocess.Popen:
        out = open(self.tmp / f"{name}.log", "ab")  # noqa: SIM115 - closed in stop_all
        self.logs.append(out)
        proc = subprocess.Popen(  # noqa: S603
            cmd, env=env or self.env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        self.procs[name] = proc
        return proc

    def stop(self, name: str) -> None:
        proc = self.procs.pop(name, None)
        if proc is None or proc.poll() is not None:
            return
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

    def stop_all(self) -> None:
        for name in reversed(list(self.procs)):
            self.stop(name)
        for out in self.logs:
            out.close()

    def gunicorn(self, name: str, port: int, server: Server, extra_env: dict | None = None) -> None:
        self.start(
            name,
            [PYTHON, "-m", "gunicorn", "school_site.wsgi", "--bind", f"127.0.0.1:{port}",
             "--workers", str(server.workers), "--threads", str(server.threads),
             "--worker-class", server.worker_class, "--worker-tmp-dir", "/dev/shm",  # noqa: S108 - gunicorn's heartbeat files, as its docs advise
             "--max-requests", "0", "--timeout", "60", "--keep-alive", "5", "--error-logfile", "-"],
            env={**self.env, **(extra_env or {})},
        )  # fmt: skip

    def varnish(self, port: int, backend_port: int) -> None:
        source = VCL.read_text()
        if source.count(VCL_BACKEND_PORT) != 1:
            raise SystemExit(f"{VCL}: expected one backend with {VCL_BACKEND_PORT}")
        vcl = self.tmp / "default.vcl"
        vcl.write_text(source.replace(VCL_BACKEND_PORT, f'.port = "{backend_port}";'))
        workdir = self.tmp / "varnish"
        workdir.mkdir(exist_ok=True)
        self.start(
            "varnish",
            ["/usr/sbin/varnishd", "-F", "-n", str(workdir), "-a", f"127.0.0.1:{port}",
             "-T", "none", "-f", str(vcl), "-s", "malloc,256m"],
        )  # fmt: skip

    def nginx(self, port: int, root: Path) -> None:
        conf = self.tmp / "nginx.conf"
        for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (self.tmp / f"nginx-{sub}").mkdir(exist_ok=True)
        conf.write_text(
            f"""
worker_processes {os.cpu_count() or 2};
pid {self.tmp}/nginx.pid;
error_log {self.tmp}/nginx-error.log warn;
events {{ worker_connections 4096; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    client_body_temp_path {self.tmp}/nginx-body;
    proxy_temp_path {self.tmp}/nginx-proxy;
    fastcgi_temp_path {self.tmp}/nginx-fastcgi;
    uwsgi_temp_path {self.tmp}/nginx-uwsgi;
    scgi_temp_path {self.tmp}/nginx-scgi;
    server {{
        listen 127.0.0.1:{port};
        root {root};
        location / {{
            gzip_static on;
            default_type text/html;
            index index.html;
        }}
    }}
}}
"""
        )
        self.start("nginx", ["/usr/sbin/nginx", "-c", str(conf), "-p", str(self.tmp), "-g", "daemon off;"])  # fmt: skip


# --- memory ------------------------------------------------------------------------------------
class MemorySampler(threading.Thread):
    """The RSS and PSS of the stack's processes, summed; keeps the peaks."""

    def __init__(self, stack: Stack, names: Iterable[str]) -> None:
        super().__init__(daemon=True)
        self.stack, self.names = stack, tuple(names)
        self.peak_rss = self.peak_pss = 0
        self.peak_detail: dict[str, int] = {}
        self.phase = "start"
        self.phase_peaks: dict[str, int] = {}  # phase → peak summed RSS (kB)
        self.stopped = threading.Event()
        self.postmaster = self._postmaster()
        self.redis = self._redis()

    def _postmaster(self) -> int | None:
        for line in Path("/proc").glob("[0-9]*/cmdline"):
            try:
                text = line.read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if re.search(r"/bin/postgres\b.* -D ", text) or re.search(r"/bin/postgres\s", text):
                return int(line.parent.name)
        return None

    def _redis(self) -> int | None:
        import redis

        try:
            return int(redis.Redis.from_url(REDIS_URL).info("server")["process_id"])
        except Exception:  # noqa: BLE001 - memory of Redis is then left out, and said so
            return None

    def pids(self) -> dict[str, list[int]]:
        groups: dict[str, list[int]] = {}
        for name in self.names:
            proc = self.stack.procs.get(name)
            if proc is not None and proc.poll() is None:
                kind = "gunicorn" if name.startswith("gunicorn") else name
                groups.setdefault(kind, []).extend([proc.pid, *children(proc.pid)])
        if self.postmaster:
            backend = re.compile(r"^postgres: \S+: \S+ (\S+) (\[local\]|\S+\(\d+\))")
            ours = [self.postmaster]
            for pid in children(self.postmaster):
                match = backend.match(cmdline(pid))
                if match is None or match.group(1) == DB_NAME:
                    ours.append(pid)  # the server's own processes, and our database's
            groups["postgresql"] = ours
        if self.redis:
            groups["redis"] = [self.redis]
        return groups

    def run(self) -> None:
        # RSS (/proc/<pid>/status) is cheap; the process tree and PSS (smaps_rollup walks the
        # page tables under the process's memory lock, which slows a busy process) every 2 s.
        tick, groups = 0, {}
        while not self.stopped.wait(0.5):
            if tick % 4 == 0:
                groups = self.pids()
            detail, rss_total, pss_total = {}, 0, 0
            for kind, pids in groups.items():
                rss = 0
                for pid in pids:
                    rss += rss_kb(pid)
                    if tick % 4 == 0:
                        pss_total += pss_kb(pid)
                detail[kind] = rss
                rss_total += rss
            if rss_total > self.peak_rss:
                self.peak_rss, self.peak_detail = rss_total, detail
            self.phase_peaks[self.phase] = max(self.phase_peaks.get(self.phase, 0), rss_total)
            self.peak_pss = max(self.peak_pss, pss_total)
            tick += 1

    def stop(self) -> None:
        self.stopped.set()
        self.join()


# --- wrk ------------------------------------------------------------------------------------------
@dataclass
class Result:
    scenario: str
    tier: str
    concurrency: int
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int
    requests: int
    detail: str = ""
    other_cpu: float = 0.0  # cores used by processes outside the stack, wrk and this script
    cpu_ms: float = float("inf")  # CPU time of the servers (stack and nginx) per request

    @property
    def ceiling(self) -> float:
        """Requests per second if the servers had every core to themselves (CPU-bound)."""
        return (os.cpu_count() or 1) * 1000 / self.cpu_ms


def wrk(tmp: Path, *, port: int, host: str, paths: list[str], concurrency: int, duration: int,
        scenario: str, tier: str) -> Result:  # fmt: skip
    script = tmp / ("wrk-rotate.lua" if len(paths) > 1 else "wrk-fixed.lua")
    if not script.exists():
        script.write_text((WRK_ROTATE if len(paths) > 1 else "") + WRK_DONE)
    cmd = ["wrk", "-t2", f"-c{concurrency}", f"-d{duration}s", "--timeout", "5s",
           "-H", f"Host: {host}", "-H", "Accept-Encoding: gzip", "-s", str(script),
           f"http://127.0.0.1:{port}{paths[0]}"]  # fmt: skip
    if len(paths) > 1:
        listing = tmp / f"paths-{abs(hash(tuple(paths)))}.txt"
        listing.write_text("\n".join(paths) + "\n")
        cmd += ["--", str(listing)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout  # noqa: S603
    line = next(line for line in out.splitlines() if line.startswith("BENCH "))
    data = json.loads(line[6:])
    errors = sum(data[k] for k in ("connect", "read", "write", "status", "timeout"))
    detail = ", ".join(f"{k} {data[k]}" for k in ("connect", "read", "write", "status", "timeout") if data[k])  # fmt: skip
    if data["requests"] == 0:  # nothing finished in time: no latency to speak of
        data["p50_us"] = data["p99_us"] = float("inf")
    result = Result(
        scenario=scenario, tier=tier, concurrency=concurrency,
        rps=data["requests"] / (data["duration_us"] / 1e6), p50_ms=data["p50_us"] / 1000,
        p99_ms=data["p99_us"] / 1000, errors=errors, requests=data["requests"], detail=detail,
    )  # fmt: skip
    log(f"{tier:>8} {scenario:<16} c{concurrency:<3} {result.rps:8.0f} req/s  p50 {result.p50_ms:6.1f} ms  p99 {result.p99_ms:6.1f} ms  errors {errors}")  # fmt: skip
    return result


# --- the benchmark ------------------------------------------------------------------------------
class Bench:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.tmp = Path(tempfile.mkdtemp(prefix="portal-bench-"))
        self.tmp.chmod(0o755)  # nginx's workers run as nobody
        self.results: list[Result] = []
        self.notes: list[str] = []
        self.checks: list[str] = []
        self.publish: dict[str, list[float]] = {}  # from the start of publishing
        self.publish_wait: dict[str, list[float]] = {}  # from its end (commit, purge sent)
        self.env = {
            **{k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "LC_ALL", "TZ")},
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": ".bench.edu.vn,127.0.0.1,localhost",
            "DATABASE_URL": f"{PG_SERVER}/{DB_NAME}",
            "REDIS_URL": REDIS_URL,
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_HSTS_SECONDS": "0",
            "PORTAL_VAR_DIR": str(VAR),
            "PORTAL_CLIENT_IP_HEADER": "HTTP_X_REAL_IP",
            "PORTAL_BASE_URL": "http://127.0.0.1:8000",
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(ROOT),
        }  # fmt: skip
        self.stack = Stack(self.tmp, self.env)
        self.server = Server(args.workers, args.threads, "gthread" if args.threads > 1 else "sync")
        self.seed: dict = {}

    # --- preparation ---------------------------------------------------------------------
    def check_tools(self) -> None:
        missing = [tool for tool in ("wrk", "/usr/sbin/nginx", "/usr/sbin/varnishd") if not shutil.which(tool)]  # fmt: skip
        if missing:
            raise SystemExit(f"missing {', '.join(missing)}: apt-get install wrk nginx varnish")

    def database(self) -> None:
        import psycopg
        import redis

        seed_file = VAR / "seed.json"
        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]).fetchone()  # fmt: skip
            if self.args.reuse and exists and seed_file.exists():
                self.seed = json.loads(seed_file.read_text())
                if self.seed.get("quick") == self.args.quick:
                    log(f"reusing database {DB_NAME} (seeded {self.seed['seeded_at']})")
                    redis.Redis.from_url(REDIS_URL).flushdb()
                    # The code may have moved on since: its migrations, its search index.
                    run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], self.env)
                    rebuilt = subprocess.run(  # noqa: S603
                        [PYTHON, "manage.py", "rebuild_search_index", "-v", "0"],
                        env=self.env, cwd=ROOT, capture_output=True, text=True, check=False,
                    )  # fmt: skip
                    if rebuilt.returncode:
                        lines = rebuilt.stderr.strip().splitlines() or ["?"]
                        errors = [x for x in lines if re.match(r"^[\w.]+(Error|Exception)\b", x)]
                        problem = (errors or lines)[-1][:200]
                        self.notes.append(f"search index not rebuilt (kept the old one): `{problem}`")  # fmt: skip
                        log(f"rebuild_search_index failed: {problem}")
                    return
            conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {DB_NAME}")
        redis.Redis.from_url(REDIS_URL).flushdb()
        shutil.rmtree(VAR, ignore_errors=True)
        VAR.mkdir(parents=True)
        log(f"database {DB_NAME}: migrating")
        run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], self.env)
        log("seeding" + (" (quick)" if self.args.quick else ""))
        started = time.monotonic()
        out = run(
            [PYTHON, str(BENCH / "seed.py"), *(["--quick"] if self.args.quick else [])],
            {**self.env, "BENCH_SEEDING": "1"}, stdout=subprocess.PIPE, text=True,
        ).stdout  # fmt: skip
        self.seed = json.loads(out.strip().splitlines()[-1])
        self.seed["seconds"] = round(time.monotonic() - started)
        self.seed["quick"] = self.args.quick
        self.seed["seeded_at"] = (
            datetime.datetime.now(datetime.UTC).astimezone().isoformat(timespec="seconds")
        )
        seed_file.write_text(json.dumps(self.seed, ensure_ascii=False))
        log(f"seeded in {self.seed['seconds']} s")

    def collectstatic(self) -> None:
        run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"], self.env)

    # --- measurement helpers ---------------------------------------------------------------
    def measure(self, *, tier: str, port: int, scenarios: dict[str, list[str]],
                concurrencies: tuple[int, ...] = (16, 64)) -> None:  # fmt: skip
        self.sampler.phase = tier
        for name, paths in scenarios.items():
            for concurrency in concurrencies:
                before = self.cpu()
                result = wrk(self.tmp, port=port, host=self.host, paths=paths, concurrency=concurrency,
                             duration=self.args.duration, scenario=name, tier=tier)  # fmt: skip
                after = self.cpu()
                servers, others = self.cpu_used(before, after)
                result.other_cpu = others / (after[0] - before[0])
                if result.requests:
                    result.cpu_ms = servers * 1000 / result.requests
                self.results.append(result)
                time.sleep(1)

    def cpu(self) -> tuple[float, dict[int, int], int]:
        """(now, CPU ticks so far of each server process (the stack's, and nginx's), CPU ticks
        of the whole machine except this script and wrk)."""
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
        ticks = [int(x) for x in fields]
        busy = sum(ticks) - ticks[3] - ticks[4]  # all but idle and iowait
        pids = [pid for group in self.sampler.pids().values() for pid in group]
        nginx = self.stack.procs.get("nginx")
        if nginx is not None:
            pids += [nginx.pid, *children(nginx.pid)]
        own = os.times()
        mine = (own.user + own.system + own.children_user + own.children_system) * CLOCK_TICKS
        return time.monotonic(), {pid: cpu_ticks(pid) for pid in pids}, busy - int(mine)

    @staticmethod
    def cpu_used(before, after) -> tuple[float, float]:
        """(CPU seconds of the servers, of every other process) between two ``cpu()``: a
        server process that started meanwhile counts from zero, one that ended is left out."""
        servers = sum(ticks - before[1].get(pid, 0) for pid, ticks in after[1].items())
        others = (after[2] - before[2]) - servers
        return servers / CLOCK_TICKS, max(0, others) / CLOCK_TICKS

    def warm(self, port: int, paths: Iterable[str], header: str, label: str) -> None:
        """Request each path until ``header`` says HIT (at most three times); note the rest."""
        missed, statuses = [], set()
        for path in paths:
            for _ in range(3):
                status, headers, _ = fetch(port, path, self.host, {"Accept-Encoding": "gzip"})
                statuses.add(status)
                if headers.get(header, "").upper().startswith("HIT"):
                    break
            else:
                missed.append(path)
        if missed:
            self.notes.append(f"{label}: {len(missed)} page(s) never answered HIT in `{header}`, e.g. `{missed[0]}`")  # fmt: skip
        if statuses - {200}:
            self.notes.append(f"{label}: warm-up saw statuses {sorted(statuses)}")

    # --- the phases --------------------------------------------------------------------------
    def run(self) -> str:
        self.check_tools()
        self.database()
        self.collectstatic()
        self.host = self.seed["big_host"]
        articles = self.seed["article_urls"]
        pages = {
            "home": ["/"],
            "article": articles,
            "section listing": [self.seed["section_url"]],
            "documents list": ["/van-ban/"],
            "feed": ["/rss/"],
        }
        ports = {name: free_port() for name in ("app", "varnish", "nginx", "render")}
        self.env["PORTAL_BASE_URL"] = f"http://127.0.0.1:{ports['app']}"
        # Each change of a school BANs its host on Varnish (pagecache.frontend.HostBanBackend).
        self.env["PORTAL_FRONTEND_CACHE_URLS"] = f"http://127.0.0.1:{ports['varnish']}/"
        stack = self.stack
        sampler = self.sampler = MemorySampler(
            stack, ("gunicorn-app", "gunicorn-render", "worker", "varnish")
        )
        self.load_before = os.getloadavg()
        self.others_before = busy_processes()
        try:
            stack.gunicorn("gunicorn-app", ports["app"], self.server)
            stack.start("worker", [PYTHON, "manage.py", "run_worker", "--no-reload", "--interval", "1"])  # fmt: skip
            stack.varnish(ports["varnish"], ports["app"])
            wait_for(ports["app"], self.host)
            wait_for(ports["varnish"], self.host)
            sampler.start()

            # The yardstick: nginx serving the home page as a file (and its .gz, as browsers
            # ask for gzip and Varnish stores HTML gzipped).
            status, _, body = fetch(ports["app"], "/", self.host)
            if status != 200:
                raise SystemExit(f"home page answered {status}")
            static = self.tmp / "static-copy"
            static.mkdir()
            (static / "index.html").write_text(body)
            (static / "index.html.gz").write_bytes(gzip.compress(body.encode(), 6))
            for item in (static, static / "index.html", static / "index.html.gz"):
                item.chmod(0o755 if item.is_dir() else 0o644)
            stack.nginx(ports["nginx"], static)
            wait_for(ports["nginx"], self.host)
            self.page_bytes = len(body.encode())

            log("warming the caches")
            sampler.phase = "warm-up"
            every = [p for paths in pages.values() for p in paths]
            self.warm(ports["varnish"], every, "x-proxy-cache", "Varnish")
            self.warm(ports["app"], every, "x-cache", "gunicorn page cache")

            log("measuring")
            self.measure(tier="nginx static", port=ports["nginx"], scenarios={"home (static copy)": ["/"]})  # fmt: skip
            self.measure(tier="proxy hit", port=ports["varnish"], scenarios=pages)
            self.measure(tier="app hit", port=ports["app"], scenarios=pages)
            self.sampler.phase = "publish"
            self.publish_to_visible(ports)

            # Rendering on every request: the same production settings with the page cache
            # off, in a gunicorn of its own (the cached one is stopped, so the memory sampled
            # is one application server's).
            stack.stop("gunicorn-app")
            stack.gunicorn("gunicorn-render", ports["render"], self.server, PAGE_CACHE_OFF)
            wait_for(ports["render"], self.host)
            for path in [*every[:50], "/tim-kiem/?q=khai+gi%E1%BA%A3ng"]:
                fetch(ports["render"], path, self.host)  # image renditions, connections
            _, headers, _ = fetch(ports["render"], "/", self.host)
            if headers.get("x-cache", "").upper().startswith("HIT"):
                self.notes.append("rendered tier: the page cache still answered HIT; its figures are not rendering")  # fmt: skip
            self.measure(tier="rendered", port=ports["render"], scenarios=pages)
            searches = [f"/tim-kiem/?q={quote(term)}" for term in SEARCH_TERMS]
            self.measure(tier="rendered", port=ports["render"], scenarios={"search": searches})
        finally:
            sampler.stop()
            self.load_after = os.getloadavg()
            self.others_after = busy_processes()
            stack.stop_all()
        self.memory = sampler
        self.notes.extend(problems_in_logs(self.tmp))
        return self.report()

    def sweep(self) -> str:
        """Gunicorn configurations compared on the two figures they decide: cached home page
        at c64 and rendered home page at c16 (with their peak memory)."""
        self.check_tools()
        self.database()
        self.collectstatic()
        self.host = self.seed["big_host"]
        configs = [Server(2), Server(4), Server(6), Server(2, 4, "gthread"),
                   Server(3, 4, "gthread"), Server(2, 8, "gthread"), Server(4, 4, "gthread")]  # fmt: skip
        lines = [
            f"# Gunicorn configurations, {os.cpu_count()} CPUs, wrk {self.args.duration} s",
            "",
            "| gunicorn | cached home c64 req/s | p99 ms | CPU ms/req | rendered home c16 req/s | p99 ms | CPU ms/req | gunicorn RSS MB | other CPU |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]  # fmt: skip
        self.sampler = MemorySampler(self.stack, ("gunicorn-app",))
        for server in configs:
            row = []
            for cache_env, concurrency in (({}, 64), (PAGE_CACHE_OFF, 16)):
                port = free_port()
                self.stack.gunicorn("gunicorn-app", port, server, cache_env)
                wait_for(port, self.host)
                for _ in range(3 * server.workers * server.threads):
                    fetch(port, "/", self.host)
                self.results = []
                self.measure(tier=str(server), port=port, scenarios={"home": ["/"]},
                             concurrencies=(concurrency,))  # fmt: skip
                rss = sum(rss_kb(pid) for pid in self.sampler.pids().get("gunicorn", []))
                self.stack.stop("gunicorn-app")
                row.append((self.results[0], rss))
            (hit, _), (render, rss) = row
            lines.append(
                f"| {server} | {hit.rps:,.0f} | {ms(hit.p99_ms)} | {ms(hit.cpu_ms, 2)} | "
                f"{render.rps:,.0f} | {ms(render.p99_ms)} | {ms(render.cpu_ms)} | {rss / 1024:,.0f} | "
                f"{max(hit.other_cpu, render.other_cpu):.2f} |"
            )
        self.stack.stop_all()
        return "\n".join(lines) + "\n"

    def publish_to_visible(self, ports: dict[str, int]) -> None:
        """Publish through Wagtail's revision publishing in another process; poll the home page
        through Varnish and gunicorn until the new title shows."""
        log("publish-to-visible")
        proc = subprocess.Popen(  # noqa: S603
            [PYTHON, str(BENCH / "publish.py"), self.host], env=self.env, cwd=ROOT,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        try:
            json.loads(proc.stdout.readline())  # ready
            for tier in ("proxy", "app"):
                self.publish[tier] = []
            for n in range(self.args.publish_rounds):
                for port in (ports["varnish"], ports["app"]):
                    fetch(port, "/", self.host)  # both caches hold the home page
                title = f"Bản tin đo thời gian xuất bản {n + 1} {secrets.token_hex(3)}"
                proc.stdin.write(title + "\n")
                proc.stdin.flush()
                done = json.loads(proc.stdout.readline())
                needle = html.escape(title)
                waiting = {"proxy": ports["varnish"], "app": ports["app"]}
                while waiting:
                    for tier, port in list(waiting.items()):
                        _, _, body = fetch(port, "/", self.host, {"Accept-Encoding": "gzip"})
                        if needle in body or title in body:
                            self.publish[tier].append(time.time() - done["started"])
                            self.publish_wait.setdefault(tier, []).append(
                                time.time() - done["committed"]
                            )
                            del waiting[tier]
                    if waiting and time.time() - done["started"] > 30:
                        for tier in waiting:
                            self.publish[tier].append(float("inf"))
                        break
                    time.sleep(0.01)
                time.sleep(0.5)
        finally:
            proc.stdin.close()
            proc.wait(timeout=30)
        for tier, times in self.publish.items():
            log(f"publish-to-visible via {tier}: " + ", ".join(f"{t:.2f} s" for t in times))

    # --- the report ----------------------------------------------------------------------------
    def report(self) -> str:
        args, seed = self.args, self.seed
        static = {r.concurrency: r.rps for r in self.results if r.tier == "nginx static"}
        lines = [
            f"# Benchmark {datetime.datetime.now(datetime.UTC).astimezone():%Y-%m-%d %H:%M %z}",
            "",
            f"`bench/run.py{' --quick' if args.quick else ''}`: {os.cpu_count()} CPUs "
            f"({platform.processor() or platform.machine()}), {total_memory_gb():.1f} GB RAM, "
            f"Python {platform.python_version()}; gunicorn {self.server}; Varnish `-s malloc,256m`; PostgreSQL and Redis as installed; wrk "
            f"`-t2 -c16/-c64 -d{args.duration}s` with `Accept-Encoding: gzip`, on the same machine.",
            "",
            f"Data: one large school ({describe(seed['large_school'])}) and "
            f"{len(seed['small_hosts'])} small ones ({describe(seed['small_school'])} each)"
            f"; seeded in {seed.get('seconds', '?')} s. Search index: "
            f"{seed.get('search_entries', '?')} entries for the large school, "
            f"{seed.get('search_entries_total', '?')} in all. Home page: {self.page_bytes:,} bytes of HTML.",
            "",
            "## Throughput and latency",
            "",
            "| tier | page | concurrency | req/s | × nginx static | p50 ms | p99 ms | errors | server CPU ms/req | other CPU |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for r in self.results:
            ratio = r.rps / static[r.concurrency] if static.get(r.concurrency) else 0
            errors = f"{r.errors} ({r.detail})" if r.errors else "0"
            lines.append(
                f"| {r.tier} | {r.scenario} | {r.concurrency} | {r.rps:,.0f} | {ratio:.2f} | "
                f"{ms(r.p50_ms)} | {ms(r.p99_ms)} | {errors} | {ms(r.cpu_ms, 2)} | {r.other_cpu:.2f} |"
            )
        lines += ["", "## Publish to visible", ""]
        for tier, times in self.publish.items():
            shown = ", ".join(f"{t:.2f}" for t in times)
            where = "through Varnish" if tier == "proxy" else "from gunicorn (page cache)"
            wait = max(self.publish_wait.get(tier, [float("inf")]))
            lines.append(
                f"- {where}: {shown} s (max {max(times):.2f} s) from the start of publishing; "
                f"at most {wait:.2f} s after the publish returned (commit and purge done)"
            )
        mem = self.memory
        lines += [
            "",
            "## Memory (peak of the whole stack: RSS sampled every 0.5 s, PSS every 2 s)",
            "",
            f"- RSS summed: **{mem.peak_rss / 1024:,.0f} MB** ("
            + ", ".join(f"{k} {v / 1024:,.0f} MB" for k, v in sorted(mem.peak_detail.items()))
            + ")",
            "- Peak RSS by phase: "
            + ", ".join(f"{phase} {kb / 1024:,.0f} MB" for phase, kb in mem.phase_peaks.items()),
            f"- PSS summed (shared pages counted once): {mem.peak_pss / 1024:,.0f} MB. The RSS sum "
            "counts PostgreSQL's shared buffers once per backend and the code gunicorn's workers "
            "share once per worker: it is the upper bound the target is checked against.",
            "",
            "## Targets",
            "",
            "| target | measured | result |",
            "| --- | --- | --- |",
            *self.targets(static),
            "",
            "## Conditions",
            "",
            f"- Load average before: {fmt_load(self.load_before)}, after: {fmt_load(self.load_after)}.",
            f"- Other busy processes at the start: {self.others_before or 'none'}; at the end: {self.others_after or 'none'}.",
            "- Tiers: *nginx static* = nginx serving the home page's HTML as a file (the yardstick); "
            "*proxy hit* = Varnish with `deploy/varnish/default.vcl`, objects in cache; *app hit* = "
            "gunicorn alone answering from the page cache (Redis); *rendered* = gunicorn with "
            "`PORTAL_PAGE_CACHE_SECONDS=0`, every request rendered by Django (the cost of a miss, "
            "without storing). *article* rotates over 400 different articles; *search* over "
            f"{len(SEARCH_TERMS)} queries (with and without diacritics).",
            "- *server CPU ms/req*: the CPU time the servers (the stack's processes, and nginx) "
            "used during the run, per request; *CPU ceiling* = cores × 1000 ÷ that: the rate "
            "if the servers had the machine to themselves. *other CPU*: cores used meanwhile by "
            "processes that are neither the servers, wrk nor this script (anything above ~0.1: "
            "the machine was shared and that line's figures are low).",
            *[f"- {note}" for note in self.notes],
        ]
        return "\n".join(lines) + "\n"

    def targets(self, static: dict[int, float]) -> list[str]:
        rows = []

        def add(target: str, measured: str, ok: bool) -> None:
            rows.append(f"| {target} | {measured} | {'PASS' if ok else '**FAIL**'} |")

        proxy = [r for r in self.results if r.tier == "proxy hit"]
        worst = min(proxy, key=lambda r: r.rps / static[r.concurrency])
        ratio = worst.rps / static[worst.concurrency]
        add("cached pages through the proxy ≥ 0.50 × nginx static",
            f"lowest {ratio:.2f} ({worst.scenario}, c{worst.concurrency})", ratio >= 0.5)  # fmt: skip
        app = [r for r in self.results if r.tier == "app hit" and r.concurrency == 64]
        slow = min(app, key=lambda r: r.rps)
        late = max(app, key=lambda r: r.p99_ms)
        add("cached pages from gunicorn alone ≥ 1,800 req/s at c64",
            f"lowest {slow.rps:,.0f} ({slow.scenario}); CPU ceiling {slow.ceiling:,.0f}", slow.rps >= 1800)  # fmt: skip
        add("… and p99 ≤ 50 ms at c64", f"highest {ms(late.p99_ms)} ms ({late.scenario})", late.p99_ms <= 50)  # fmt: skip
        for name in ("article", "home"):
            r = next(r for r in self.results if r.tier == "rendered" and r.scenario == name and r.concurrency == 16)  # fmt: skip
            add(f"cache miss, {name}: ≥ 180 req/s at c16", f"{r.rps:,.0f}; CPU ceiling {r.ceiling:,.0f}", r.rps >= 180)  # fmt: skip
            add(f"cache miss, {name}: p99 ≤ 150 ms at c16", f"{ms(r.p99_ms)} ms", r.p99_ms <= 150)
        search = max((r for r in self.results if r.scenario == "search"), key=lambda r: r.rps)
        add("search ≥ 220/s (20 × WordPress's 11/s)",
            f"{search.rps:,.0f}/s (c{search.concurrency}); CPU ceiling {search.ceiling:,.0f}", search.rps >= 220)  # fmt: skip
        worst_publish = max(t for times in self.publish.values() for t in times)
        add("publish to visible ≤ 1 s", f"max {worst_publish:.2f} s", worst_publish <= 1)
        add("whole stack ≤ 1.5 GB RSS", f"{self.memory.peak_rss / 1024:,.0f} MB", self.memory.peak_rss <= 1.5 * 1024 * 1024)  # fmt: skip
        errors = sum(r.errors for r in self.results)
        add("zero errors", str(errors), errors == 0)
        return rows


def problems_in_logs(tmp: Path, limit: int = 8) -> list[str]:
    """The first distinct problems the stack's processes logged (server errors with their
    exception, worker timeouts, database refusals), so a run with errors says why."""
    pattern = re.compile(r"Internal Server Error|\[(ERROR|CRITICAL)\]|FATAL|Panic")
    found: dict[str, str] = {}
    for path in sorted(tmp.glob("*.log")):
        lines = path.read_text(errors="replace").splitlines()
        for i, line in enumerate(lines):
            if line.startswith("Traceback"):
                # The exception is the first line after the indented frames.
                line = next((x for x in lines[i + 1 :] if x and not x[0].isspace()), line)
            elif not pattern.search(line):
                continue
            text = re.sub(r"^\[[^]]*\] \[\d+\] ", "", line.strip())[:200]
            found.setdefault(text, path.stem)
    return [f"`{name}` logged: `{text}`" for text, name in list(found.items())[:limit]]


def ms(value: float, digits: int = 1) -> str:
    return "—" if value == float("inf") else f"{value:.{digits}f}"


def quote(text: str) -> str:
    from urllib.parse import quote_plus

    return quote_plus(text)


def describe(counts: dict[str, int]) -> str:
    return ", ".join(f"{v:,} {k}" for k, v in counts.items())


def total_memory_gb() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) / 1024 / 1024
    return 0.0


def fmt_load(load: tuple[float, float, float]) -> str:
    return " / ".join(f"{x:.2f}" for x in load)


def busy_processes(threshold: float = 5.0) -> str:
    """Processes (not ours) using more than ``threshold`` % CPU, as ps sees them."""
    out = subprocess.run(
        ["ps", "-eo", "pid,ppid,pcpu,rss,args", "--sort=-pcpu", "--no-headers"],  # noqa: S607
        capture_output=True, text=True, check=False,
    ).stdout  # fmt: skip
    mine = {os.getpid(), *children(os.getpid())}
    busy = []
    for line in out.splitlines():
        pid, _ppid, cpu, _rss, command = line.split(None, 4)
        if int(pid) in mine or float(cpu) < threshold:
            continue
        busy.append(f"`{command[:60]}` {cpu} %")
    return "; ".join(busy[:6])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the production-like stack on loopback.")  # fmt: skip
    parser.add_argument("--quick", action="store_true", help="small data set, 3 s runs")
    parser.add_argument("--reuse", action="store_true", help="keep the database seeded by the last run")  # fmt: skip
    parser.add_argument("--duration", type=int, help="seconds per wrk run (default 10, --quick 3)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker (default 4; >1: gthread)")  # fmt: skip
    parser.add_argument("--publish-rounds", type=int, default=5)
    parser.add_argument("--keep-tmp", action="store_true", help="keep configs and logs")
    parser.add_argument("--sweep", action="store_true", help="compare gunicorn configurations only")  # fmt: skip
    args = parser.parse_args(argv)
    args.duration = args.duration or (3 if args.quick else 10)
    bench = Bench(args)
    try:
        if args.sweep:
            print(bench.sweep())
            return 0
        report = bench.run()
    finally:
        bench.stack.stop_all()  # also after an error: nothing of ours keeps running
        if not args.keep_tmp:
            shutil.rmtree(bench.tmp, ignore_errors=True)
    print(report)
    results = BENCH / "results"
    results.mkdir(exist_ok=True)
    name = f"{datetime.datetime.now(datetime.UTC).astimezone():%Y-%m-%d}{'-quick' if args.quick else ''}.md"
    (results / name).write_text(report)
    log(f"report written to {results / name}")
    if args.keep_tmp:
        log(f"configs and logs kept in {bench.tmp}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
