"""A text progress bar for management commands: redrawn in place on a terminal, one line per
tenth otherwise (logs, CI)."""

from __future__ import annotations

import time


class ProgressBar:
    WIDTH = 30

    def __init__(self, stream, total: int, label: str = "", *, tty: bool | None = None):
        self.stream = stream
        self.total = max(total, 0)
        self.label = label
        self.done = 0
        self.started = time.perf_counter()
        self.tty = stream.isatty() if tty is None else tty
        self._last_tenth = -1

    def line(self) -> str:
        share = self.done / self.total if self.total else 1.0
        filled = int(self.WIDTH * min(share, 1.0))
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        seconds = time.perf_counter() - self.started
        return (
            f"{self.label} [{bar}] {min(share, 1.0):4.0%} "
            f"{min(self.done, self.total)}/{self.total} ({seconds:.1f} s)"
        )

    def update(self, n: int = 1) -> None:
        self.done += n
        if self.tty:
            self.stream.write("\r" + self.line(), ending="")
            self.stream.flush()
            return
        tenth = int(10 * self.done / self.total) if self.total else 10
        if tenth != self._last_tenth and tenth < 10:
            self._last_tenth = tenth
            self.stream.write(self.line())

    def finish(self) -> None:
        self.done = max(self.done, self.total)
        self.stream.write(("\r" if self.tty else "") + self.line())
