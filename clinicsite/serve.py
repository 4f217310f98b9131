"""Dev server: build in memory, serve on 127.0.0.1, rebuild on change, reload the browser."""

from __future__ import annotations

import json
import logging
import mimetypes
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlsplit

from clinicsite.cache import BuildCache
from clinicsite.config import Overrides, load_config
from clinicsite.errors import Problem, SiteError
from clinicsite.pipeline import (
    BuildResult,
    build_in_memory,
    cache_environments,
    keep_in_cache,
    lint_build,
    lint_memo_from,
)

log = logging.getLogger(__name__)

LIVE_PREFIX = "__clinicsite/"
LINT_DELAY = 0.5  # seconds a lint waits for the browser to fetch the rebuilt page first
# Reloads the page when the site is rebuilt, and keeps a panel of this page's lint findings
# up to date (findings arrive a moment after the rebuild, without another reload).
LIVE_SCRIPT = """(function () {
  var me = document.currentScript, data = me.dataset;
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
  }
  function show(findings) {
    var old = document.querySelector(".clinicsite-lint");
    if (old) old.remove();
    if (!findings.length) return;
    var aside = el("aside", "clinicsite-lint"), details = el("details"), list = el("ul");
    aside.setAttribute("aria-label", "Lint findings");
    details.appendChild(el("summary", "", findings.length + " lint finding" +
      (findings.length === 1 ? "" : "s") + " on this page"));
    findings.forEach(function (f) {
      var item = el("li");
      item.appendChild(el("strong", "", f.level + " "));
      item.appendChild(el("span", "", "line " + f.line + ":" + f.column + " "));
      item.appendChild(el("code", "", f.rule));
      item.appendChild(el("span", "", " \u201c" + f.excerpt + "\u201d \u2013 " + f.message));
      if (f.fix) { item.appendChild(el("br")); item.appendChild(el("span", "", "Try: " + f.fix)); }
      list.appendChild(item);
    });
    details.appendChild(list);
    aside.appendChild(details);
    document.body.appendChild(aside);
  }
  function refresh() {
    fetch(data.lint).then(function (r) { return r.json(); }).then(show, function () {});
  }
  var source = new EventSource(data.events);
  source.addEventListener("reload", function () { location.reload(); });
  source.addEventListener("lint", refresh);
  refresh();
})();
"""
PANEL_STYLE = """.clinicsite-lint{position:fixed;right:1rem;bottom:1rem;max-width:32rem;max-height:60vh;
overflow:auto;background:#fff;color:#1b1f24;border:2px solid #8a1c1c;border-radius:6px;
padding:.5rem 1rem;font:14px/1.4 system-ui,sans-serif;z-index:1000;box-shadow:0 2px 8px #0004}
.clinicsite-lint summary{cursor:pointer;font-weight:700;color:#8a1c1c}
.clinicsite-lint li{margin:.4rem 0}.clinicsite-lint code{background:#f2f2f2}
.clinicsite-error{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
.clinicsite-error pre{white-space:pre-wrap;background:#fff4f4;border-left:4px solid #8a1c1c;padding:1rem}
"""
IGNORED_NAMES = (".swp", ".swx", ".tmp", "~", ".DS_Store", "4913")


@dataclass
class LiveSite:
    """The latest build held in memory, with a generation counter that waiters watch."""

    site_dir: Path
    overrides: Overrides
    files: dict[str, bytes] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    failed: bool = False
    findings: dict[str, list[Any]] = field(default_factory=dict)  # source path -> findings
    cache: BuildCache = field(default_factory=BuildCache)  # bodies and pages, in memory
    lint_memo: Any = None  # per-page lint results (a LintMemo), when the linter is installed
    sources: dict[str, str] = field(default_factory=dict)  # output file -> source path
    generation: int = 0
    lint_generation: int = 0  # the build generation whose lint findings are published
    builds: int = 0
    changed: threading.Condition = field(default_factory=threading.Condition)
    # Set when a page of the latest build has been sent: its lint waits for that (or LINT_DELAY),
    # so that the browser's reload is not slowed by the linter holding the interpreter.
    page_sent: threading.Event = field(default_factory=threading.Event)
    lint_lock: threading.Lock = field(default_factory=threading.Lock)

    def rebuild(self) -> None:
        """Build again; on failure keep serving an error page until a good build."""
        started = time.perf_counter()
        result = None
        self.page_sent.clear()  # before the new files are in: a page sent after that counts
        try:
            cache = self._carried_over()
            result = build_in_memory(self.site_dir, self.overrides, cache)
            self._take(result, cache)
        except SiteError as error:
            self.problems, self.failed = error.problems, True
        with self.changed:
            self.builds += 1
            self.generation += 1
            self.changed.notify_all()
        state = "failed" if self.failed else "ok"
        log.warning("rebuilt (%s) in %.2fs", state, time.perf_counter() - started)
        if result is not None and not self.failed:
            threading.Thread(target=self._lint, args=(result, self.generation),
                             name="lint", daemon=True).start()

    def _carried_over(self) -> BuildCache:
        """Last build's entries that are still valid for the current config and templates."""
        config = load_config(self.site_dir, self.overrides)
        return self.cache.carried_over(*cache_environments(config))

    def _take(self, result: BuildResult, cache: BuildCache) -> None:
        self.problems = result.problems
        self.failed = not result.ok
        if self.failed:
            return
        keep_in_cache(cache, result, result.files, in_memory=True)
        self.cache = cache
        self.files = result.files
        self.sources = {page.output_file: page.source for page in result.pages if page.source}

    def _lint(self, result: BuildResult, generation: int) -> None:
        """Lint after the pages are out (in its own thread), so the browser never waits for it."""
        self.page_sent.wait(LINT_DELAY)
        with self.lint_lock:  # one lint at a time: they share the memo
            if generation != self.generation:
                return  # a newer build is out; its own lint follows
            try:
                run = lint_build(result, self._lint_memo())
            except SiteError as error:  # a broken lint setting must not take the preview down
                log.warning("%s", error)
                run = None
        findings: dict[str, list[Any]] = {}
        for finding in getattr(run, "findings", ()):
            findings.setdefault(finding.path, []).append(finding)
        with self.changed:
            if generation != self.generation:  # a newer build is out; its own lint will follow
                return
            self.findings = findings
            self.lint_generation = generation
            self.changed.notify_all()

    def _lint_memo(self) -> Any:
        if self.lint_memo is None:
            self.lint_memo = lint_memo_from()
        return self.lint_memo

    def findings_for(self, output_file: str) -> list[dict[str, Any]]:
        """The lint findings of the page published as `output_file`, as plain values."""
        return [{"level": f.level.value, "line": f.line, "column": f.column, "rule": f.rule_id,
                 "excerpt": f.excerpt, "message": f.message, "fix": getattr(f, "fix", "")}
                for f in self.findings.get(self.sources.get(output_file, ""), [])]

    def wait(self, seen: tuple[int, int], timeout: float) -> tuple[int, int]:
        """Block until a rebuild or a lint run newer than `seen`, or the timeout."""
        with self.changed:
            self.changed.wait_for(lambda: (self.generation, self.lint_generation) != seen,
                                  timeout)
            return self.generation, self.lint_generation


def make_handler(live: LiveSite, base_path: str) -> type[BaseHTTPRequestHandler]:
    """A request handler class bound to one LiveSite."""

    class Handler(BaseHTTPRequestHandler):
        server_version = "clinicsite-serve"

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib name
            log.info("%s " + format, self.address_string(), *args)

        def do_GET(self) -> None:  # noqa: N802 - http.server's API
            path = unquote(urlsplit(self.path).path)
            if not path.startswith(base_path):
                self._send(HTTPStatus.NOT_FOUND, b"not under the base path", "text/plain")
                return
            relative = path[len(base_path):]
            if relative == LIVE_PREFIX + "live.js":
                self._send(HTTPStatus.OK, LIVE_SCRIPT.encode(), "text/javascript")
            elif relative == LIVE_PREFIX + "lint":
                page = parse_qs(urlsplit(self.path).query).get("page", [""])[0]
                body = json.dumps(live.findings_for(page)).encode()
                self._send(HTTPStatus.OK, body, "application/json")
            elif relative == LIVE_PREFIX + "events":
                self._events()
            else:
                self._page(relative)

        def _page(self, relative: str) -> None:
            if live.failed and (relative.endswith("/") or relative.endswith(".html")
                                or relative == ""):
                html = error_page(live.problems, base_path)
                self._send(HTTPStatus.INTERNAL_SERVER_ERROR, html, "text/html; charset=utf-8")
                return
            name = relative + "index.html" if relative.endswith("/") or not relative else relative
            if name not in live.files and name + "/index.html" in live.files:
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                self.send_header("Location", base_path + relative + "/")
                self.end_headers()
                return
            status = HTTPStatus.OK if name in live.files else HTTPStatus.NOT_FOUND
            name = name if name in live.files else "404.html"
            body = live.files.get(name, b"not found")
            kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
            if name.endswith(".html"):
                body = inject(body, base_path, name)
                kind = "text/html; charset=utf-8"
            self._send(status, body, kind)
            if name.endswith(".html"):
                live.page_sent.set()

        def _events(self) -> None:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            seen = (live.generation, live.lint_generation)
            try:
                self.wfile.write(b"retry: 500\n\n")
                self.wfile.flush()
                while not getattr(self.server, "stopping", False):
                    current = live.wait(seen, timeout=1.0)
                    if current[0] != seen[0]:
                        self.wfile.write(f"event: reload\ndata: {current[0]}\n\n".encode())
                    elif current[1] != seen[1]:
                        self.wfile.write(f"event: lint\ndata: {current[1]}\n\n".encode())
                    else:
                        self.wfile.write(b": keep-alive\n\n")
                    seen = current
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                return

        def _send(self, status: HTTPStatus, body: bytes, kind: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

    return Handler


def inject(html: bytes, base_path: str, output_file: str) -> bytes:
    """Add the live script (reload and lint panel) before </body>; only ever in serve mode."""
    prefix = base_path + LIVE_PREFIX
    tags = (f"<style>{PANEL_STYLE}</style><script src=\"{prefix}live.js\" "
            f"data-events=\"{prefix}events\" data-lint=\"{prefix}lint?page="
            f"{escape(quote(output_file))}\"></script>")
    return html.replace(b"</body>", tags.encode() + b"</body>", 1)


def error_page(problems: Iterable[Problem], base_path: str) -> bytes:
    """The page shown instead of the site while the build is broken."""
    listing = "\n\n".join(escape(str(p)) for p in problems) or "the build failed"
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Build error'
            f"</title><style>{PANEL_STYLE}</style></head><body><main class=\"clinicsite-error\">"
            f"<h1>The site could not be built</h1><p>Fix the problem below and save the file; "
            f"this page reloads by itself.</p><pre>{listing}</pre></main>"
            f'<script src="{base_path}{LIVE_PREFIX}live.js" '
            f'data-events="{base_path}{LIVE_PREFIX}events" '
            f'data-lint="{base_path}{LIVE_PREFIX}lint?page="></script></body></html>').encode()


def relevant(path: str, output_dir: Path) -> bool:
    """Changes under the output folder, hidden folders and editor scratch files are ignored."""
    candidate = Path(path)
    if candidate.is_relative_to(output_dir) or any(part.startswith(".") and part not in (".", "..")
                                                   for part in candidate.parts[-3:]):
        return False
    return not candidate.name.endswith(IGNORED_NAMES) and not candidate.name.startswith(".#")


def watch(live: LiveSite, stop: threading.Event, output_dir: Path,
          ready: threading.Event | None = None) -> None:
    """Rebuild once per burst of changes to content, templates, static files or the config."""
    from watchfiles import watch as watch_files

    site_dir = live.site_dir.resolve()
    targets = [p for p in (site_dir / "content", site_dir / "templates", site_dir / "static",
                           site_dir / "site_config.yaml") if p.exists()]
    # An empty batch arrives every rust_timeout ms: the first one says the watcher is set up.
    for changes in watch_files(*targets, stop_event=stop, debounce=400, step=30,
                               rust_timeout=250, yield_on_timeout=True,
                               watch_filter=lambda _, path: relevant(path, output_dir)):
        if ready is not None:
            ready.set()
        if changes:
            live.rebuild()


@dataclass
class DevServer:
    """A running dev server: the HTTP server, the watcher thread and how to stop them."""

    live: LiveSite
    http: ThreadingHTTPServer
    stop: threading.Event
    threads: list[threading.Thread]

    @property
    def url(self) -> str:
        """Where the site is served."""
        host, port = self.http.server_address[:2]
        return f"http://{host}:{port}"

    def close(self) -> None:
        """Stop watching and serving, and wait for both threads."""
        self.stop.set()
        self.http.stopping = True  # type: ignore[attr-defined]
        self.http.shutdown()
        self.http.server_close()
        for thread in self.threads:
            thread.join(timeout=5)


def start_server(site_dir: Path, overrides: Overrides, port: int = 8000) -> DevServer:
    """Build, then serve and watch in background threads (127.0.0.1 only)."""
    live = LiveSite(site_dir, overrides)
    live.rebuild()
    base_path = _base_path(site_dir, overrides)
    http = ThreadingHTTPServer(("127.0.0.1", port), make_handler(live, base_path))
    http.daemon_threads = True
    stop, ready = threading.Event(), threading.Event()
    output_dir = (site_dir / "output").resolve()
    threads = [threading.Thread(target=http.serve_forever, name="serve", daemon=True),
               threading.Thread(target=watch, args=(live, stop, output_dir, ready), name="watch",
                                daemon=True)]
    for thread in threads:
        thread.start()
    ready.wait(timeout=10)
    return DevServer(live, http, stop, threads)


def _base_path(site_dir: Path, overrides: Overrides) -> str:
    from clinicsite.config import load_config

    try:
        return load_config(site_dir, overrides).base_path
    except SiteError:
        return "/"
