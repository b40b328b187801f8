"""Publish one news article on the benchmark's large school, the way an editor does.

Used by ``bench/run.py`` to time publish-to-visible: ``python bench/publish.py HOST``. Protocol on stdin/stdout (one JSON object
per line): prints ``{"ready": true}`` once Django is up; each line read from stdin is a title
to publish; for each, the article is created as a draft in "Tin tức" and its revision
published by the school's head (Wagtail's ``Revision.publish``: the ``page_published`` signal,
the audit log, the ``on_commit`` hooks, exactly as from the admin), then it prints
``{"title": ..., "url": ..., "started": <epoch s>, "committed": <epoch s>}``: ``committed`` is
when the transaction and its ``on_commit`` hooks (the purge) have run.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")


def main() -> int:
    import django

    django.setup()
    from django.db import transaction

    import vntext
    from news.models import ArticlePage
    from schools.models import School
    from sections.models import SectionPage

    school = School.objects.select_related("site").get(site__hostname=sys.argv[1])
    head = school.staff_users().filter(username__startswith="head-").first()
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        title = line.strip()
        if not title:
            continue
        section = (
            SectionPage.objects.descendant_of(school.site.root_page).filter(slug="tin-tuc").get()
        )
        started = time.time()
        with transaction.atomic():
            page = ArticlePage(
                title=title,
                slug=vntext.slugify(title),
                summary=title,
                body=[("paragraph", f"<p>{title}</p>")],
                live=False,
            )
            section.add_child(instance=page)
            page.save_revision(user=head).publish(user=head)
        committed = time.time()
        url = "/" + page.url_path.split("/", 2)[2]
        print(
            json.dumps({"title": title, "url": url, "started": started, "committed": committed}),
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
