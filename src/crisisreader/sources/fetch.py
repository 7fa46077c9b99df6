"""HTTP fetching with httpx: conditional requests, redirects, gzip, a timeout, a size cap, a clear User-Agent."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from crisisreader import __version__
from crisisreader.sources.taken import SourceError

TIMEOUT = 10.0
MAX_BYTES = 20 * 1024 * 1024
USER_AGENT = f"crisisreader/{__version__} (+a terminal reader of crisis briefings)"


@dataclass(frozen=True, slots=True)
class Fetched:
    """A response: ``body`` is None for a 304 (nothing changed since the ETag or date we sent)."""

    url: str
    body: bytes | None
    content_type: str = ""
    etag: str = ""
    last_modified: str = ""


def fetch(url: str, etag: str = "", last_modified: str = "", timeout: float = TIMEOUT, cap: int = MAX_BYTES) -> Fetched:
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    try:
        with (
            httpx.Client(follow_redirects=True, timeout=timeout, headers=headers) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code == 304:
                return Fetched(str(response.url), None, etag=etag, last_modified=last_modified)
            if response.status_code >= 400:
                raise SourceError(f"HTTP {response.status_code} {response.reason_phrase}".rstrip())
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > cap:
                raise SourceError(f"the response is larger than {cap // (1024 * 1024)} MB")
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > cap:
                    raise SourceError(f"the response is larger than {cap // (1024 * 1024)} MB")
                chunks.append(chunk)
            return Fetched(
                str(response.url),
                b"".join(chunks),
                response.headers.get("Content-Type", ""),
                response.headers.get("ETag", ""),
                response.headers.get("Last-Modified", ""),
            )
    except httpx.TimeoutException:
        raise SourceError(f"timed out after {timeout:g} s") from None
    except httpx.ConnectError as error:
        reason = "TLS error" if "SSL" in str(error) or "certificate" in str(error) else "cannot connect"
        raise SourceError(f"{reason}: {error}") from None
    except httpx.TooManyRedirects:
        raise SourceError("too many redirects") from None
    except (httpx.HTTPError, httpx.InvalidURL) as error:
        raise SourceError(f"HTTP error: {error}") from None
