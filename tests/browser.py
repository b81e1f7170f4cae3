"""Headless Chromium for the browser tests: Debian's /usr/bin/chromium driven by Playwright.

Downloading a browser is not possible here (and not wanted in CI), so the
tests use the system Chromium; where it cannot be installed they skip with
a message that says how to get it.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import socket
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.skip(
            "headless Chromium is not installed: `sudo apt-get install chromium` "
            "(make test installs it when run as root with apt-get)"
        )
    return path


@contextlib.contextmanager
def browser():
    """A Playwright Chromium browser (the system one)."""
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="pip install playwright (requirements.txt)"
    )
    executable = chromium_path()
    with sync_api.sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()


def block_external(context, blocked: list[str]) -> None:
    """Let only localhost through: the page must work with no internet."""

    def route(r):
        host = urlsplit(r.request.url).hostname
        if r.request.url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(directory: Path):
    """Serve a folder on 127.0.0.1 (a free port) in a background thread; yield the base URL."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):  # keep pytest's output clean
            pass

    class Server(http.server.ThreadingHTTPServer):
        def handle_error(self, request, client_address):
            # a browser that closed the connection first (a page left, a 404 favicon it
            # stopped waiting for) is no error of the site; anything else is printed
            if not isinstance(sys.exc_info()[1], ConnectionError):
                super().handle_error(request, client_address)

    server = Server(("127.0.0.1", 0), functools.partial(Quiet, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def open_page(
    chromium,
    base_url: str,
    path: str,
    *,
    width: int = 1280,
    height: int = 1400,
    timeout_ms: int = 30000,
):
    """A new offline page of the served book; returns (context, page, errors, blocked).

    ``errors`` collects uncaught exceptions and the book's own console errors;
    ``blocked`` every request to a host other than localhost.
    """
    blocked: list[str] = []
    errors: list[str] = []
    context = chromium.new_context(viewport={"width": width, "height": height}, locale="ko-KR")
    block_external(context, blocked)
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(f"uncaught: {exc}"))

    def console(msg):
        if msg.type == "error" and base_url in (msg.location.get("url") or ""):
            errors.append(f"console: {msg.text} @ {msg.location.get('url')}")

    page.on("console", console)
    context.set_default_timeout(timeout_ms)
    page.goto(f"{base_url}/{path}", wait_until="load")
    return context, page, errors, blocked
