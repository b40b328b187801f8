"""Checking whether a link's address answers: HEAD, then GET when HEAD is refused or fails.

Never raises for network trouble: every failure becomes a ``CheckResult`` with a short code.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import requests

USER_AGENT = "CongTruong-link-checker/1.0"
# Codes of failures that are not an HTTP status.
TIMEOUT, SSL, CONNECTION, INVALID, ERROR = "timeout", "ssl", "connection", "invalid", "error"


@dataclass(frozen=True)
class CheckResult:
    url: str
    status: str  # "200", "404", ... or one of the codes above
    is_broken: bool


def _request(method: str, url: str, timeout: float) -> int:
    response = requests.request(
        method,
        url,
        timeout=timeout,
        allow_redirects=True,
        stream=True,  # the body is never read
        headers={"User-Agent": USER_AGENT},
    )
    response.close()
    return response.status_code


def check_url(url: str, *, timeout: float = 5.0) -> CheckResult:
    try:
        try:
            code = _request("HEAD", url, timeout)
        except requests.RequestException:
            code = None
        if code is None or code >= 400:  # many servers refuse or mishandle HEAD
            code = _request("GET", url, timeout)
    except requests.exceptions.SSLError:
        return CheckResult(url, SSL, True)
    except requests.exceptions.Timeout:
        return CheckResult(url, TIMEOUT, True)
    except requests.exceptions.ConnectionError:  # also DNS failures
        return CheckResult(url, CONNECTION, True)
    except (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema):
        return CheckResult(url, INVALID, True)
    except Exception:  # noqa: BLE001 - a check must never stop the others
        return CheckResult(url, ERROR, True)
    return CheckResult(url, str(code), code >= 400)


def check_urls(urls, *, timeout: float = 5.0, workers: int = 4) -> dict[str, CheckResult]:
    """Check each distinct address once, at most ``workers`` at a time."""
    distinct = list(dict.fromkeys(urls))
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        results = pool.map(lambda u: check_url(u, timeout=timeout), distinct)
        return {result.url: result for result in results}
