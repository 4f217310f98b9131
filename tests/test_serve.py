"""The dev server: serves from memory on 127.0.0.1, rebuilds once per save, shows errors."""

from __future__ import annotations

import http.client
import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from clinicsite.config import Overrides
from clinicsite.serve import DevServer, relevant, start_server


@pytest.fixture
def server(mini_site: Path) -> Iterator[DevServer]:
    running = start_server(mini_site, Overrides(), port=0)
    try:
        yield running
    finally:
        running.close()


def get(server: DevServer, path: str) -> tuple[int, str, dict[str, str]]:
    host, port = server.http.server_address[:2]
    connection = http.client.HTTPConnection(host, port, timeout=5)
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read().decode("utf-8", "replace")
    headers = dict(response.getheaders())
    connection.close()
    return response.status, body, headers


def wait_for_builds(server: DevServer, count: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while server.live.builds < count and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.live.builds >= count, f"only {server.live.builds} builds"


def test_listens_on_loopback_only(server: DevServer) -> None:
    assert server.http.server_address[0] == "127.0.0.1"


def test_serves_pages_with_the_reload_script(server: DevServer) -> None:
    status, body, headers = get(server, "/conditions/neck-pain/")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "<h1>Neck pain</h1>" in body
    assert "__clinicsite/live.js" in body
    status, script, _ = get(server, "/__clinicsite/live.js")
    assert status == 200 and "EventSource" in script


def test_folder_without_slash_redirects_and_unknown_is_404(server: DevServer) -> None:
    status, _, headers = get(server, "/conditions/neck-pain")
    assert status == 301 and headers["Location"] == "/conditions/neck-pain/"
    status, body, _ = get(server, "/no/such/page/")
    assert status == 404 and "Page not found" in body


def test_nothing_of_serve_mode_is_written_to_output(server: DevServer, mini_site: Path) -> None:
    assert not (mini_site / "output").exists()
    assert b"live.js" not in server.live.files["index.html"]


def read_events(server: DevServer, events: list[str], ready: threading.Event) -> None:
    host, port = server.http.server_address[:2]
    with socket.create_connection((host, port), timeout=15) as sock:
        sock.sendall(b"GET /__clinicsite/events HTTP/1.1\r\nHost: x\r\n\r\n")
        ready.set()
        buffer = b""
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and "reload" not in "".join(events):
            chunk = sock.recv(4096)
            if not chunk:
                break
            buffer += chunk
            events.append(buffer.decode())


def test_one_save_gives_one_rebuild_and_a_reload_event(server: DevServer,
                                                       mini_site: Path) -> None:
    events: list[str] = []
    ready = threading.Event()
    reader = threading.Thread(target=read_events, args=(server, events, ready), daemon=True)
    reader.start()
    ready.wait(5)
    time.sleep(0.3)
    page = mini_site / "content/conditions/neck-pain.md"
    page.write_text(page.read_text().replace("Stiffness and aching.", "Stiffness and ache."))
    wait_for_builds(server, 2)
    reader.join(10)
    assert "event: reload" in "".join(events)
    time.sleep(1.0)
    assert server.live.builds == 2, "one save must cause exactly one rebuild"
    assert "Stiffness and ache." in get(server, "/conditions/neck-pain/")[1]


def test_editor_style_save_via_rename_is_one_rebuild(server: DevServer, mini_site: Path) -> None:
    page = mini_site / "content/pages/contact.md"
    scratch = page.with_name(".contact.md.swp")
    scratch.write_text(page.read_text().replace("Call us.", "Call or write to us."))
    scratch.replace(page)
    wait_for_builds(server, 2)
    time.sleep(1.0)
    assert server.live.builds == 2
    assert "Call or write to us." in get(server, "/contact/")[1]


def test_broken_file_shows_an_error_page_then_recovers(server: DevServer,
                                                       mini_site: Path) -> None:
    page = mini_site / "content/pages/about.md"
    good = page.read_text()
    page.write_text(good.replace("title: About us", "title: [About us"))
    wait_for_builds(server, 2)
    status, body, _ = get(server, "/about/")
    assert status == 500
    assert "content/pages/about.md:3:12: error: malformed front matter" in body
    assert "menu entry" not in body, "no follow-on errors from the broken page"
    assert "__clinicsite/live.js" in body
    page.write_text(good)
    wait_for_builds(server, 3)
    status, body, _ = get(server, "/about/")
    assert status == 200 and "<h1>About us</h1>" in body


def test_bad_config_shows_an_error_page(server: DevServer, mini_site: Path) -> None:
    config = mini_site / "site_config.yaml"
    config.write_text(config.read_text().replace("language:", "languag:"))
    wait_for_builds(server, 2)
    status, body, _ = get(server, "/")
    assert status == 500 and "site_config.yaml:4:3" in body


def test_editor_scratch_and_output_files_are_ignored(tmp_path: Path) -> None:
    output = tmp_path / "output"
    assert not relevant(str(tmp_path / "content/.about.md.swp"), output)
    assert not relevant(str(tmp_path / "content/about.md~"), output)
    assert not relevant(str(output / "index.html"), output)
    assert relevant(str(tmp_path / "content/about.md"), output)


def wait_for_lint(server: DevServer, count: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while server.live.lint_generation < count and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.live.lint_generation >= count


def test_lint_findings_of_the_page_in_view(server: DevServer, mini_site: Path) -> None:
    pytest.importorskip("clinicsite.lint.engine")
    page = mini_site / "content/pages/about.md"
    page.write_text(page.read_text().replace(
        "We are a small clinic.", "Our injections are painless and completely safe."))
    wait_for_builds(server, 2)
    wait_for_lint(server, 2)
    status, body, headers = get(server, "/__clinicsite/lint?page=about/index.html")
    assert status == 200 and headers["Content-Type"] == "application/json"
    findings = json.loads(body)
    assert any(f["rule"] == "risk-minimising" and f["line"] == 5 for f in findings), findings
    page_html = get(server, "/about/")[1]
    assert 'data-lint="/__clinicsite/lint?page=about/index.html"' in page_html


def test_a_rebuild_renders_only_the_edited_page(mini_site: Path) -> None:
    """serve keeps the last build's bodies and HTML in memory and reuses what is unchanged."""
    from clinicsite.serve import LiveSite

    live = LiveSite(mini_site, Overrides())
    live.rebuild()
    first = dict(live.files)
    neck = mini_site / "content/conditions/neck-pain.md"
    neck.write_text(neck.read_text("utf-8").replace("Posture and strain.", "Posture, mostly."),
                    "utf-8")
    live.rebuild()
    changed = {name for name, data in live.files.items() if first.get(name) != data}
    assert changed == {"conditions/neck-pain/index.html"}
    assert live.cache.pages_reused == len(live.cache.pages) - 1
    assert b"Posture, mostly." in live.files["conditions/neck-pain/index.html"]
