"""Speed of the vntext hot paths on about 1 MB of Vietnamese text.

Run: .venv/bin/python bench/vntext.py   (prints a markdown table)
"""

from __future__ import annotations

import pathlib
import sys
import time
from collections.abc import Callable

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))

import vntext
from vntext.tests.corpus import megabyte_text

REPEAT = 3


def best_of(fn: Callable[[], object], repeat: int = REPEAT) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    text = megabyte_text(1_000_000)
    size_mb = len(text.encode("utf-8")) / 1e6
    tcvn3 = vntext.from_unicode(text, "tcvn3")
    vni = vntext.from_unicode(text, "vni")
    titles = [line[:100] for line in text.split("\n")]
    titles_mb = sum(len(t.encode("utf-8")) for t in titles) / 1e6
    paste = megabyte_text(10_000_000, seed=3)
    paste_mb = len(paste.encode("utf-8")) / 1e6
    paste_tcvn3 = vntext.from_unicode(paste, "tcvn3")
    vntext.to_unicode(tcvn3[:2000])  # builds the syllable set and tables once
    vntext.fold("warm up")

    rows: list[tuple[str, float, float]] = [
        ("to_unicode (already Unicode)", size_mb, best_of(lambda: vntext.to_unicode(text))),
        ("to_unicode (TCVN3 input)", size_mb, best_of(lambda: vntext.to_unicode(tcvn3))),
        ("to_unicode (VNI input)", size_mb, best_of(lambda: vntext.to_unicode(vni))),
        (
            "to_unicode (TCVN3, encoding='tcvn3')",
            size_mb,
            best_of(lambda: vntext.to_unicode(tcvn3, encoding="tcvn3")),
        ),
        (
            "to_unicode (VNI, encoding='vni')",
            size_mb,
            best_of(lambda: vntext.to_unicode(vni, encoding="vni")),
        ),
        (
            f"to_unicode (TCVN3 paste, {len(paste) / 1e6:.0f} M characters, 1 run)",
            paste_mb,
            best_of(lambda: vntext.to_unicode(paste_tcvn3), repeat=1),
        ),
        ("fold", size_mb, best_of(lambda: vntext.fold(text))),
        ("slugify (one 1 MB string)", size_mb, best_of(lambda: vntext.slugify(text))),
        (
            f"slugify ({len(titles)} titles)",
            titles_mb,
            best_of(lambda: [vntext.slugify(t) for t in titles]),
        ),
        (
            f"sort_key ({len(titles)} titles)",
            titles_mb,
            best_of(lambda: [vntext.sort_key(t) for t in titles]),
        ),
        (
            f"sorted(key=sort_key) ({len(titles)} titles)",
            titles_mb,
            best_of(lambda: sorted(titles, key=vntext.sort_key)),
        ),
    ]
    print(f"Input: {size_mb:.2f} MB of Vietnamese text (UTF-8), best of {REPEAT} runs.\n")
    print("| operation | MB | seconds | MB/s |")
    print("| --- | ---: | ---: | ---: |")
    for name, mb, secs in rows:
        print(f"| {name} | {mb:.2f} | {secs:.3f} | {mb / secs:.1f} |")


if __name__ == "__main__":
    main()
