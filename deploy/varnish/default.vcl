vcl 4.1;
# Cổng Trường: the page cache in front of the application server (gunicorn).
#
#   nginx (TLS, static, X-Real-IP) -> Varnish :6081 (this file) -> gunicorn 127.0.0.1:8000
#
# What it does:
# * caches anonymous GET/HEAD for as long as Django's Cache-Control says (s-maxage first, then
#   max-age); a response without Cache-Control, with Set-Cookie, "private" or "no-store" is
#   never cached, so the application opts in page by page (pagecache/);
# * passes the admin and every request carrying a session, CSRF or language cookie (logged-in
#   staff, visitors who filled a form, visitors who chose English); other cookies are dropped;
# * normalises the host (lower case, no port), the query (tracking parameters removed, order
#   sorted) and Accept-Language (vi or en, the site's two languages), so one page is one object;
# * BAN from localhost with "X-Ban-Host: <school host>" drops every object of that school: sent
#   by pagecache.frontend when the school's content changes (publish -> on_commit -> BAN);
#   PURGE from localhost drops one URL (Wagtail's stock frontend-cache backend);
# * grace: an expired object is served for up to an hour while a fresh copy is fetched in the
#   background (a banned object is never served again).
#
# tests/proxy/test_varnish.py runs this file, with only the backend's port changed; bench/run.py
# measures it. Operations: docs/ops/deploy.md.

import cookie;
import std;

# The application server. tests/proxy/ and bench/ substitute the port of this backend only.
backend default {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
    .between_bytes_timeout = 30s;
    .max_connections = 200;
}

# Who may BAN or PURGE: the application servers (pagecache.frontend) on this machine.
acl purgers {
    "localhost";
    "127.0.0.1";
    "::1";
}

# Proxies whose X-Real-IP is believed (nginx on this machine).
acl trusted_proxies {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    # --- invalidation -------------------------------------------------------------------
    if (req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        set req.http.X-Ban-Host = regsub(std.tolower(req.http.X-Ban-Host), ":[0-9]+$", "");
        if (req.http.X-Ban-Host !~ "^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$") {
            return (synth(400, "X-Ban-Host must be a host name"));
        }
        # Lurker-friendly: the ban tests an object header, so the ban lurker can drop the
        # objects in the background instead of each lookup testing every ban.
        if (std.ban("obj.http.X-Portal-Host == " + req.http.X-Ban-Host)) {
            return (synth(200, "Banned " + req.http.X-Ban-Host));
        }
        return (synth(400, std.ban_error()));
    }

    # --- normalisation (before PURGE, so a purge finds what a visitor stored) -------------
    if (req.http.host) {
        set req.http.host = regsub(std.tolower(req.http.host), "(:[0-9]+|\.)$", "");
    }
    # Tracking parameters change nothing on the page: utm_*, Facebook, Google, Zalo, Mailchimp.
    if (req.url ~ "(?i)[?&](utm_[a-z_]+|fbclid|gclid|gbraid|wbraid|msclkid|zarsrc|_ga|_gl|mc_cid|mc_eid|igshid)(=|&|$)") {
        set req.url = regsuball(req.url, "(?i)(?<=[?&])(utm_[a-z_]+|fbclid|gclid|gbraid|wbraid|msclkid|zarsrc|_ga|_gl|mc_cid|mc_eid|igshid)(=[^&]*)?(&|$)", "");
        set req.url = regsub(req.url, "[?&]+$", "");
    }
    set req.url = std.querysort(req.url);

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        return (purge);
    }

    # The visitor's address for the application (rate limits: PORTAL_CLIENT_IP_HEADER).
    if (!req.http.X-Real-IP || client.ip !~ trusted_proxies) {
        set req.http.X-Real-IP = client.ip;
    }

    # The site speaks Vietnamese and English: Django's LocaleMiddleware picks the first of them
    # the browser names. Two values instead of one variant per browser's header.
    if (req.http.Accept-Language ~ "(?i)^(?:(?!\bvi\b).)*\ben\b") {
        set req.http.Accept-Language = "en";
    } else {
        set req.http.Accept-Language = "vi";
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|django-admin)(/|$)") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }
    # Django's own cookies decide; analytics and other cookies do not split the cache.
    if (req.http.Cookie) {
        cookie.parse(req.http.Cookie);
        cookie.keep("sessionid,csrftoken,django_language");
        set req.http.Cookie = cookie.get_string();
        if (req.http.Cookie == "") {
            unset req.http.Cookie;
        }
    }
    if (req.http.Cookie) {
        return (pass);
    }
    return (hash);
}

sub vcl_hit {
    set req.http.X-Proxy-Cache = "HIT";
}

sub vcl_miss {
    set req.http.X-Proxy-Cache = "MISS";
}

sub vcl_pass {
    set req.http.X-Proxy-Cache = "PASS";
}

sub vcl_backend_fetch {
    unset bereq.http.X-Proxy-Cache;
}

sub vcl_backend_response {
    # Every object remembers its school, for BAN (see vcl_recv); removed in vcl_deliver.
    set beresp.http.X-Portal-Host = bereq.http.host;
    if (bereq.uncacheable) {
        return (deliver);
    }
    # The application opts in: no Cache-Control, no caching (never Varnish's default TTL).
    if (!beresp.http.Cache-Control && !beresp.http.Expires) {
        set beresp.ttl = 120s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # Errors of the server are never kept.
    if (beresp.status >= 500) {
        set beresp.ttl = 0s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    if (beresp.http.Content-Type ~ "^(text/|application/(json|xml|rss\+xml|atom\+xml|javascript)|image/svg)") {
        set beresp.do_gzip = true;
    }
    set beresp.grace = 1h;
    # Otherwise Varnish's built-in rules: Set-Cookie, private, no-cache, no-store, Vary: * and
    # a TTL of 0 are not cached; the TTL comes from s-maxage, max-age or Expires.
}

sub vcl_deliver {
    unset resp.http.X-Portal-Host;
    set resp.http.X-Proxy-Cache = req.http.X-Proxy-Cache;
    if (!resp.http.X-Proxy-Cache) {
        unset resp.http.X-Proxy-Cache;
    }
}
