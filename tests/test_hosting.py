"""Hosting files, and the nginx block tried for real on 127.0.0.1; manifest and diff."""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from clinicsite.hosting import HostingSettings, content_security_policy
from tests.conftest import CliRun, require_tool

HOSTING = """hosting:
  files: [netlify, nginx]
"""


@pytest.fixture
def hosted(mini_site: Path, build_site: Callable[..., CliRun]) -> Path:
    config = mini_site / "site_config.yaml"
    config.write_text(config.read_text() + HOSTING)
    about = mini_site / "content/pages/about.md"
    about.write_text(about.read_text().replace("title: About us",
                                               "title: About us\naliases: [/who-we-are/]"))
    run = build_site(mini_site)
    assert run.code == 0, run.err
    return mini_site / "output"


def test_netlify_files(hosted: Path) -> None:
    headers = (hosted / "_headers").read_text()
    assert "/*\n  Content-Security-Policy: default-src 'self'; script-src 'self';" in headers
    for name in ("X-Content-Type-Options: nosniff", "Referrer-Policy: same-origin",
                 "Permissions-Policy: camera=()", "Strict-Transport-Security: max-age=31536000"):
        assert name in headers
    assert "/assets/*\n  Cache-Control: public, max-age=31536000, immutable" in headers
    assert (hosted / "_redirects").read_text() == "/who-we-are/ /about/ 301\n"


def test_no_hosting_files_unless_asked(mini_site: Path, build_site: Callable[..., CliRun]) -> None:
    assert build_site(mini_site).code == 0
    assert not (mini_site / "output/_headers").exists()
    assert not (mini_site / "output/_nginx.conf").exists()


def test_allowed_third_party_domains_join_the_policy() -> None:
    policy = content_security_policy(HostingSettings(allow_third_party=("maps.example.com",)))
    assert "frame-src https://maps.example.com;" in policy
    assert "script-src 'self' https://maps.example.com;" in policy
    assert "frame-src 'none'" in content_security_policy(HostingSettings())


def test_bad_hosting_setting_is_located(mini_site: Path,
                                        build_site: Callable[..., CliRun]) -> None:
    config = mini_site / "site_config.yaml"
    config.write_text(config.read_text() + "hosting:\n  files: [netlfy]\n")
    run = build_site(mini_site)
    assert run.code == 2
    assert "'files' must be one of netlify, nginx; got 'netlfy' (did you mean 'netlify'?)" in run.err


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def nginx(hosted: Path, tmp_path: Path) -> Iterator[int]:
    binary = require_tool("nginx")
    port = free_port()
    server = (hosted / "_nginx.conf").read_text()
    server = server.replace("listen 80;", f"listen 127.0.0.1:{port};")
    server = server.replace("root /var/www/site;", f"root {hosted};")
    run_dir = tmp_path / "nginx"
    run_dir.mkdir()
    user = "user root;\n" if os.geteuid() == 0 else ""
    config = run_dir / "nginx.conf"
    config.write_text(
        f"{user}daemon off;\nworker_processes 1;\npid {run_dir}/nginx.pid;\n"
        f"error_log {run_dir}/error.log;\nevents {{}}\nhttp {{\n"
        f"  include /etc/nginx/mime.types;\n  access_log off;\n"
        f"  client_body_temp_path {run_dir};\n  proxy_temp_path {run_dir};\n"
        f"  fastcgi_temp_path {run_dir};\n  uwsgi_temp_path {run_dir};\n"
        f"  scgi_temp_path {run_dir};\n{server}}}\n")
    process = subprocess.Popen([binary, "-c", str(config), "-p", str(run_dir)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                assert process.poll() is None, process.stderr.read().decode()
                time.sleep(0.05)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)


def fetch(port: int, path: str) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    connection.request("GET", path)
    response = connection.getresponse()
    response.body = response.read()  # type: ignore[attr-defined]
    connection.close()
    return response


@pytest.mark.external
def test_nginx_serves_the_site_with_headers_and_redirects(nginx: int) -> None:
    home = fetch(nginx, "/")
    assert home.status == 200 and b"<h1>Welcome to Test Pain Clinic</h1>" in home.body
    assert home.getheader("Content-Security-Policy").startswith("default-src 'self'")
    assert home.getheader("X-Content-Type-Options") == "nosniff"
    assert home.getheader("Strict-Transport-Security").startswith("max-age=31536000")
    assert home.getheader("Cache-Control") == "public, max-age=0, must-revalidate"
    assert fetch(nginx, "/conditions/neck-pain/").status == 200
    folder = fetch(nginx, "/conditions/neck-pain")
    assert folder.status == 301 and folder.getheader("Location") == "/conditions/neck-pain/"
    moved = fetch(nginx, "/who-we-are/")
    assert moved.status == 301 and moved.getheader("Location") == "/about/"
    missing = fetch(nginx, "/no/such/page/")
    assert missing.status == 404 and b"Page not found" in missing.body
    assert missing.getheader("Content-Security-Policy") is not None
    for private in ("/_nginx.conf", "/_headers", "/.clinicsite-output"):
        assert fetch(nginx, private).status == 404


@pytest.mark.external
def test_nginx_caches_fingerprinted_assets_for_a_year(nginx: int, hosted: Path) -> None:
    stylesheet = next((hosted / "assets").glob("site.*.css")).name
    response = fetch(nginx, f"/assets/{stylesheet}")
    assert response.status == 200
    assert response.getheader("Cache-Control") == "public, max-age=31536000, immutable"
    assert response.getheader("Content-Type").startswith("text/css")
    assert response.getheader("X-Content-Type-Options") == "nosniff"


def test_manifest_and_diff(mini_site: Path, build_site: Callable[..., CliRun],
                           cli: Callable[..., CliRun]) -> None:
    assert build_site(mini_site, "--manifest").code == 0
    manifest = json.loads((mini_site / "output/manifest.json").read_text())
    assert "conditions/neck-pain/index.html" in manifest["files"]
    assert len(manifest["files"]["index.html"]) == 64
    old = mini_site.parent / "old-manifest.json"
    old.write_text((mini_site / "output/manifest.json").read_text())
    neck = mini_site / "content/conditions/neck-pain.md"
    neck.write_text(neck.read_text().replace("Posture and strain.", "Posture, strain, stress."))
    (mini_site / "content/pages/contact.md").unlink()
    (mini_site / "content/pages/team-news.md").write_text("---\ntitle: Team news\n---\nHello.\n")
    run = cli("diff", old, "--site", mini_site, "--build-date", "2026-11-23", "--json")
    assert run.code == 0, run.err
    difference = json.loads(run.out)
    assert difference["added"] == ["/team-news/"]
    assert difference["removed"] == ["/contact/"]
    assert "/conditions/neck-pain/" in difference["changed"]
    assert "/sitemap.xml" in difference["changed"]
    assert "/about/" not in difference["changed"]


def test_diff_with_a_bad_manifest_is_a_usage_error(mini_site: Path, tmp_path: Path,
                                                    cli: Callable[..., CliRun]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{}")
    run = cli("diff", bad, "--site", mini_site)
    assert run.code == 2 and "not a clinicsite manifest" in run.err
