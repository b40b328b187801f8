"""Site search at scale: 100,000 Vietnamese items across 50 schools, on SQLite and PostgreSQL.

Run: .venv/bin/python bench/search.py [--items 100000] [--schools 50] [--db sqlite,postgres]

For each database (a fresh one: a temporary SQLite file; ``portal_bench_search`` on
postgres://postgres@127.0.0.1:5432, dropped afterwards) it migrates, creates the schools with
``create_school``, writes the items through the index's own writer (``search.indexing.entry_for``
+ ``write_entries``: the FTS5 triggers / the generated tsvector and GIN indexes do their work;
on PostgreSQL a VACUUM ANALYZE after, as autovacuum would) and times that as the index build. Then it runs 20 kinds of query through the real search function
(``search.selectors.search``: candidates, ranking, the page's entries, snippets, promotions)
on many schools and prints p50/p95 latencies, with and without diacritics.
Targets (2 cores): p95 <= 50 ms on PostgreSQL, <= 150 ms on SQLite.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import pathlib
import random
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PG_SERVER = "postgres://postgres@127.0.0.1:5432"
PG_DATABASE = "portal_bench_search"
REPEAT = 40  # runs of each query kind (over as many schools)

# (label, query, diacritics?, options)
QUERIES: list[tuple[str, str, bool, dict]] = [
    ("two words", "tuyển sinh", True, {}),
    ("two words", "tuyen sinh", False, {}),
    ("three words", "thời khóa biểu", True, {}),
    ("three words", "thoi khoa bieu", False, {}),
    ("phrase, 4 words", "kế hoạch năm học", True, {}),
    ("phrase, 4 words", "ke hoach nam hoc", False, {}),
    ("partial last word", "tuyển si", True, {}),
    ("partial last word", "tuyen si", False, {}),
    ("document number", "37/2020/TT-BGDĐT", True, {}),
    ("number, part", "37/2020", False, {}),
    ("tone placement", "hoà nhập", True, {}),
    ("tone placement", "hoa nhap", False, {}),
    ("person's name", "Nguyễn Văn", True, {}),
    ("person's name", "nguyen van", False, {}),
    ("one common word", "học", True, {}),
    ("one common word", "hoc", False, {}),
    ("typing mistake", "tuyern sinh", False, {}),
    ("kind filter", "kế hoạch", True, {"kinds": ("document",)}),
    ("newest first", "hoc sinh gioi", False, {"order": "date"}),
    ("staff visitor", "kiem tra", False, {"staff": True}),
]

TITLE_HEADS = (
    "Thông báo", "Kế hoạch", "Hội nghị", "Lễ", "Tổ chức", "Kết quả", "Hướng dẫn", "Quyết định",
    "Tin", "Báo cáo", "Danh sách", "Lịch",
)  # fmt: skip
TOPICS = (
    "tuyển sinh lớp 6", "tuyển sinh vào lớp 10", "thời khóa biểu học kỳ I", "kế hoạch năm học mới",
    "học sinh giỏi cấp huyện", "giáo dục hoà nhập", "hòa nhập cộng đồng", "khai giảng năm học",
    "thi đua khen thưởng", "kiểm tra cuối kỳ", "an toàn giao thông", "chuyển đổi số",
    "hoạt động trải nghiệm", "bồi dưỡng giáo viên", "hội khỏe Phù Đổng", "văn nghệ chào mừng",
    "cán bộ viên chức", "phòng chống đuối nước", "thư viện thân thiện", "sinh hoạt chuyên môn",
    "đoàn viên thanh niên", "đội thiếu niên", "họp phụ huynh", "bàn giao cơ sở vật chất",
)  # fmt: skip
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ")
MIDDLE = ("Văn", "Thị", "Minh", "Thanh", "Ngọc", "Hữu", "Đức", "Thu", "Quang", "Bảo")
GIVEN = ("An", "Bình", "Cường", "Dung", "Hà", "Hòa", "Khoa", "Lan", "Mai", "Nam", "Phúc", "Sương",
         "Tâm", "Thủy", "Uyên", "Vinh", "Yến", "Đào")  # fmt: skip
POSITIONS = ("Giáo viên", "Tổ trưởng chuyên môn", "Hiệu trưởng", "Phó Hiệu trưởng", "Nhân viên")
DOC_TYPES = (("Thông tư", "TT-BGDĐT"), ("Quyết định", "QĐ-UBND"), ("Công văn", "CV-PGDĐT"),
             ("Kế hoạch", "KH-THCS"))  # fmt: skip
KINDS = (("article", 50), ("document", 15), ("calendar", 15), ("resource", 10), ("staff", 5),
         ("page", 5))  # fmt: skip


def make_items(school, count: int, rng: random.Random):
    """``count`` search items of one school (``search.sources.Item``), of every kind."""
    from search.sources import Item, Section
    from vntext.tests.corpus import VI_SENTENCES

    kinds = [kind for kind, weight in KINDS for _ in range(weight)]
    section = Section(0, school.site.root_page.path + "0001", "Tin tức - Sự kiện")

    def body(sentences: int) -> str:
        return " ".join(rng.choice(VI_SENTENCES) for _ in range(sentences))

    for n in range(count):
        kind = rng.choice(kinds)
        date = datetime.date(2019, 1, 1) + datetime.timedelta(days=rng.randrange(2500))
        visibility = "staff" if rng.random() < 0.05 else "public"
        if kind == "document":
            type_name, symbol = rng.choice(DOC_TYPES)
            number = f"{rng.randint(1, 99)}/{date.year}/{symbol}" if n % 40 else "37/2020/TT-BGDĐT"
            title, text = (
                f"{type_name} {number}",
                f"{rng.choice(TITLE_HEADS)} {rng.choice(TOPICS)}. {body(2)}",
            )
        elif kind == "staff":
            title = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
            text, date, visibility = rng.choice(POSITIONS), None, "public"
        elif kind == "calendar":
            title = f"{rng.choice(TITLE_HEADS)} {rng.choice(TOPICS)}"
            text = f"{title}. Phòng họp. Ban giám hiệu."
        else:
            title = f"{rng.choice(TITLE_HEADS)} {rng.choice(TOPICS)} {rng.choice(('', str(date.year), 'năm học mới', 'tháng ' + str(date.month)))}".strip()
            text = body(rng.randint(3, 12))
            visibility = "public"
        yield Item(
            school_id=school.pk, kind=kind, source="bench.item", object_id=school.pk * 1_000_000 + n,
            title=title, url=f"/bench/{n}/", visibility=visibility, body=text, date=date,
            section=section if kind in ("article", "page") else None,
        )  # fmt: skip


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def worker(db: str, items: int, schools: int) -> dict:
    """Runs in a child process bound to one database; returns the measurements."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "school_site.settings.test"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from schools.services import create_school
    from search import indexing, selectors
    from search.backends.base import Filters
    from search.models import SearchEntry

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    made = [
        create_school(name=f"Trường THCS Thử {i + 1}", hostname=f"truong{i + 1}.bench.vn")
        for i in range(schools)
    ]
    setup = time.perf_counter() - started
    rng = random.Random(20201005)
    per_school = items // schools
    started = time.perf_counter()
    for school in made:
        batch = [indexing.entry_for(item) for item in make_items(school, per_school, rng)]
        with transaction.atomic():
            for start in range(0, len(batch), 1000):
                indexing.write_entries(batch[start : start + 1000])
    indexing.optimize()
    if connection.vendor == "postgresql":
        # What autovacuum does after a bulk load: flush the GIN pending list, fresh statistics.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE site_search_searchentry")
    build = time.perf_counter() - started
    entries = SearchEntry.objects.count()

    plan = _explain(made[3 % len(made)], "tuyen sinh")

    def run(school, text: str, options: dict):
        filters = Filters(kinds=options.get("kinds", ()))
        return selectors.search(
            school=school,
            text=text,
            staff=options.get("staff", False),
            filters=filters,
            order=options.get("order", "relevance"),
        )

    for _label, text, _marks, options in QUERIES:  # warm up: caches, prepared plans
        run(made[0], text, options)
    rows = []
    all_marks, all_plain, everything = [], [], []
    for label, text, marks, options in QUERIES:
        times, totals = [], []
        for i in range(REPEAT):
            school = made[(i * 7 + 3) % len(made)]
            begin = time.perf_counter()
            results = run(school, text, options)
            times.append((time.perf_counter() - begin) * 1000)
            totals.append(results.total)
        everything += times
        (all_marks if marks else all_plain).extend(times)
        rows.append(
            {
                "label": label,
                "query": text,
                "marks": marks,
                "p50": percentile(times, 0.5),
                "p95": percentile(times, 0.95),
                "results": statistics.mean(totals),
            }
        )
    return {
        "db": db,
        "vendor": connection.vendor,
        "entries": entries,
        "schools": schools,
        "setup_s": setup,
        "build_s": build,
        "rows": rows,
        "p50": percentile(everything, 0.5),
        "p95": percentile(everything, 0.95),
        "p95_marks": percentile(all_marks, 0.95),
        "p95_plain": percentile(all_plain, 0.95),
        "explain": plan,
    }


def _explain(school, text: str) -> str:
    """The plan of the candidates statement for ``text`` (as run by the backend)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    import vntext
    from search.backends import get_backend
    from search.backends.base import Filters

    with CaptureQueriesContext(connection) as queries:
        get_backend().candidates(
            school_id=school.pk, visibilities=("public",), query=vntext.parse_query(text),
            filters=Filters(), order="relevance", mode="all",
        )  # fmt: skip
    sql = queries.captured_queries[-1]["sql"]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("EXPLAIN (ANALYZE, COSTS OFF) " + sql)
            return "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("EXPLAIN QUERY PLAN " + sql)
        return "\n".join(str(row[-1]) for row in cursor.fetchall())


def _postgres(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def measure(db: str, items: int, schools: int) -> dict:
    env = dict(os.environ)
    tmp = None
    if db == "sqlite":
        tmp = tempfile.TemporaryDirectory(prefix="bench-search-")
        env["DATABASE_URL"] = f"sqlite:///{tmp.name}/bench.sqlite3"
    else:
        _postgres(f"DROP DATABASE IF EXISTS {PG_DATABASE}")
        _postgres(f"CREATE DATABASE {PG_DATABASE}")
        env["DATABASE_URL"] = f"{PG_SERVER}/{PG_DATABASE}"
    try:
        out = subprocess.run(  # noqa: S603 (this script, with our own arguments)
            [sys.executable, __file__, "--worker", db, "--items", str(items), "--schools", str(schools)],
            env=env, cwd=ROOT, check=True, capture_output=True, text=True,
        )  # fmt: skip
        return json.loads(out.stdout.strip().splitlines()[-1])
    finally:
        if tmp is not None:
            tmp.cleanup()
        if db == "postgres":
            _postgres(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")


def report(result: dict) -> None:
    print(f"\n## {result['db']}: {result['entries']:,} entries in {result['schools']} schools\n")
    print(f"Schools created in {result['setup_s']:.1f} s (not part of the index build).")
    print(
        f"Index build: {result['build_s']:.1f} s ({result['entries'] / result['build_s']:,.0f} entries/s).\n"
    )
    print("| query kind | query | p50 ms | p95 ms | results |")
    print("| --- | --- | ---: | ---: | ---: |")
    for row in result["rows"]:
        print(
            f"| {row['label']} | `{row['query']}` | {row['p50']:.1f} | {row['p95']:.1f} | {row['results']:.0f} |"
        )
    print(
        f"\nAll queries: p50 {result['p50']:.1f} ms, p95 {result['p95']:.1f} ms; "
        f"with diacritics p95 {result['p95_marks']:.1f} ms; without p95 {result['p95_plain']:.1f} ms."
    )
    print("\nPlan of the candidates statement for `tuyen sinh`:\n")
    print("\n".join("    " + line for line in result["explain"].splitlines()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--schools", type=int, default=50)
    parser.add_argument("--db", default="sqlite,postgres")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.items, args.schools)))
        return
    print(f"Site search benchmark: {args.items:,} items, {args.schools} schools, "
          f"{REPEAT} runs of each of {len(QUERIES)} query kinds.")  # fmt: skip
    for db in args.db.split(","):
        report(measure(db.strip(), args.items, args.schools))


if __name__ == "__main__":
    main()
