"""``manage.py update_index``: Wagtail's command (its own index, used by the admin's search), with
a progress bar for each model instead of rows of dots, then the site search index of every
school (``rebuild_search_index``). ``--site-search-only`` skips Wagtail's part."""

from __future__ import annotations

from modelsearch.management.commands.rebuild_modelsearch_index import (
    Command as WagtailUpdateIndex,
)

from ...progress import ProgressBar
from .rebuild_search_index import rebuild


class Command(WagtailUpdateIndex):
    help = "Rebuild Wagtail's search index and the site search index, with progress bars."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--site-search-only", action="store_true", help="only the site search index"
        )

    def handle(self, **options):
        self.verbosity = options["verbosity"]
        self._total = 0
        if not options["site_search_only"]:
            super().handle(**options)
        self.write("Site search:")
        rebuild(self)

    def queryset_chunks(self, qs, chunk_size=1000):
        self._total = qs.count()
        yield from super().queryset_chunks(qs, chunk_size)

    def print_iter_progress(self, iterable):
        bar = None
        for chunk in iterable:
            if bar is None and self.verbosity > 0:
                self.print_newline()
                bar = ProgressBar(self.stdout, self._total, " ")
            yield chunk
            if bar:
                bar.update(len(chunk))
        if bar:
            bar.finish()
