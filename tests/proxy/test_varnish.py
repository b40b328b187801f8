"""The production VCL (``deploy/varnish/default.vcl``) in front of the application: what it
caches, what it passes, and that publishing bans exactly the school that changed.

The application runs with the page cache on and ``WAGTAILFRONTENDCACHE`` pointing at this
Varnish (as ``PORTAL_FRONTEND_CACHE_URLS`` does in production), so a publish goes the real way:
Wagtail's revision publishing → ``pagecache`` signal handler → ``on_commit`` → ``BAN`` with
``X-Ban-Host`` → Varnish.
"""

from __future__ import annotations

import re

import pytest
from wagtail.models import Page

from news.factories import ArticlePageFactory
from schools.factories import SchoolFactory, make_staff

pytestmark = pytest.mark.proxy

HOST_A = "truong-a.proxy-test.edu.vn"
HOST_B = "truong-b.proxy-test.edu.vn"


@pytest.fixture
def schools(live_server, transactional_db, django_db_serialized_rollback, settings, varnish):
    """Two schools behind Varnish, the page cache on, purges sent to this Varnish.

    ``django_db_serialized_rollback``: a transactional test ends with a flush of every table,
    which would also remove the rows Wagtail's migrations create; they are put back."""
    settings.PORTAL_PAGE_CACHE_SECONDS = 600
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {"BACKEND": "pagecache.frontend.HostBanBackend", "LOCATIONS": [varnish.url]}
    }
    a = SchoolFactory(name="Trường THCS Thử A", hostname=HOST_A, is_default=True)
    b = SchoolFactory(name="Trường THCS Thử B", hostname=HOST_B)
    return a, b


def news_section(school):
    home = school.site.root_page
    return Page.objects.get(url_path=f"{home.url_path}tin-tuc-su-kien/tin-tuc/")


def test_anonymous_pages_are_cached_once_per_page(schools, varnish):
    first = varnish.get("/", host=HOST_A)
    assert first.status == 200
    assert first.cache == "MISS"
    assert len(first.varnish_ids) == 1
    # Kept up to PORTAL_PAGE_CACHE_SECONDS, less when the school's pages change sooner by
    # themselves (local midnight, an event starting).
    s_maxage = re.search(r"s-maxage=(\d+)", first.headers["cache-control"])
    assert s_maxage is not None and 0 < int(s_maxage.group(1)) <= 600
    assert "Thử A" in first.text

    second = varnish.get("/", host=HOST_A)
    assert second.cache == "HIT"
    assert len(second.varnish_ids) == 2  # this request, and the fetch that stored the object
    assert second.headers["age"].isdigit()
    assert second.text == first.text

    # The same object: host in capitals and with a port, tracking parameters, analytics
    # cookies, a browser preferring another language than English.
    assert varnish.get("/", host=HOST_A.upper() + ":80").cache == "HIT"
    assert varnish.get("/?utm_source=zalo&fbclid=abc&zarsrc=30", host=HOST_A).cache == "HIT"
    assert varnish.get("/", host=HOST_A, cookie="_ga=GA1.1.123; _fbp=fb.1.2").cache == "HIT"
    assert varnish.get("/", host=HOST_A, accept_language="fr-FR, vi;q=0.8").cache == "HIT"

    # English is its own object (Django varies on Accept-Language).
    assert varnish.get("/", host=HOST_A, accept_language="en-US,en;q=0.9").cache == "MISS"
    assert varnish.get("/", host=HOST_A, accept_language="en").cache == "HIT"

    # Another school's home page is another object.
    other = varnish.get("/", host=HOST_B)
    assert other.cache == "MISS"
    assert "Thử B" in other.text


def test_staff_admin_and_uncacheable_pages_pass(schools, varnish, client):
    a, _ = schools
    varnish.get("/", host=HOST_A)
    assert varnish.get("/", host=HOST_A).cache == "HIT"

    # A logged-in editor (Django's session cookie) never gets, nor fills, the shared copy.
    client.force_login(make_staff(a, "editor"))
    session = client.cookies["sessionid"].value
    staff = varnish.get("/", host=HOST_A, cookie=f"_ga=GA1.1.1; sessionid={session}")
    assert staff.status == 200
    assert staff.cache == "PASS"
    assert staff.headers["x-cache"] == "BYPASS"  # nor does the application's page cache
    assert varnish.get("/", host=HOST_A, cookie="csrftoken=abc").cache == "PASS"

    admin = varnish.get("/admin/login/", host=HOST_A)
    assert admin.cache == "PASS"

    # A response the application marks private (search is never cached) is fetched each time.
    search = [varnish.get("/tim-kiem/?q=tin", host=HOST_A) for _ in range(2)]
    assert [answer.status for answer in search] == [200, 200]
    assert "private" in search[0].headers["cache-control"]
    assert search[1].cache != "HIT"


def test_publishing_bans_only_that_school(schools, varnish):
    a, _ = schools
    for host in (HOST_A, HOST_B):
        varnish.get("/", host=host)
        assert varnish.get("/", host=host).cache == "HIT"
    head = make_staff(a, "head")
    title = "Học sinh đạt giải Nhất Hội khỏe Phù Đổng"

    # As the admin does: a draft, then its revision published by the head.
    article = ArticlePageFactory.build(title=title, live=False, first_published_at=None)
    news_section(a).add_child(instance=article)
    article.save_revision(user=head).publish(user=head)

    after = varnish.get("/", host=HOST_A)
    assert after.cache == "MISS"
    assert title in after.text
    assert varnish.get("/" + article.url_path.split("/", 2)[2], host=HOST_A).status == 200

    untouched = varnish.get("/", host=HOST_B)
    assert untouched.cache == "HIT"
    assert title not in untouched.text


def test_ban_and_purge_are_checked(schools, varnish):
    assert varnish.request("BAN", "/", host="127.0.0.1").status == 400  # no X-Ban-Host
    bad = varnish.request("BAN", "/", host="127.0.0.1", headers={"X-Ban-Host": 'a" || 1'})
    assert bad.status == 400

    varnish.get("/", host=HOST_A)
    ban = varnish.request("BAN", "/", host="127.0.0.1", headers={"X-Ban-Host": HOST_A.upper()})
    assert ban.status == 200
    assert varnish.get("/", host=HOST_A).cache == "MISS"

    # PURGE (Wagtail's stock frontend-cache backend) drops one URL.
    varnish.get("/rss/", host=HOST_A)
    assert varnish.get("/rss/", host=HOST_A).cache == "HIT"
    assert varnish.request("PURGE", "/rss/", host=HOST_A).status == 200
    assert varnish.get("/rss/", host=HOST_A).cache == "MISS"
    assert varnish.get("/", host=HOST_A).cache == "HIT"
