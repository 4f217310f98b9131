"""The `lint` command: paths or the whole site, formats, exit codes and baselines."""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

import pytest

from clinicsite.lint import command

SITE = Path(__file__).parents[2]


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser()
    parser.add_argument("--site", default=".")
    parser.add_argument("--drafts", action="store_true")
    command.add_arguments(parser)
    code = command.run(parser.parse_args(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_lints_given_files_and_exits_1_on_errors(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    page = _write(tmp_path / "content" / "treatments" / "tpi.md",
                  "---\ntitle: TPI\n---\nOur injections cure pain.\n")
    code, out, _ = _run(["--site", str(tmp_path), "--today", "2025-06-01", str(page)], capsys)
    assert code == 1
    assert "content/treatments/tpi.md:4:16 error absolute-claim" in out


def test_file_outside_content_with_only_a_title(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    page = _write(tmp_path / "notes.md", "---\ntitle: Painless injections\n---\n")
    code, out, _ = _run(["--site", str(tmp_path), "--fail-on", "warning", str(page)], capsys)
    assert code == 1 and "notes.md:2:8 error risk-minimising" in out


def test_clean_file_exits_0_and_json_format(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    page = _write(tmp_path / "content" / "pages" / "about.md",
                  "---\ntitle: About us\n---\nWe are a small team in Salem.\n")
    code, out, _ = _run(["--site", str(tmp_path), "--format", "json", str(page.parent)], capsys)
    assert code == 0
    assert json.loads(out)["summary"]["error"] == 0


def test_folder_lint_uses_site_config_and_writes_report(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]
                                                        ) -> None:
    _write(tmp_path / "site_config.yaml", "site: {name: x, base_url: 'https://x.org/'}\n"
                                          "lint:\n  profile: uk-cap\n")
    _write(tmp_path / "content" / "pages" / "offers.md", "---\ntitle: Offers\n---\nBotox £99.\n")
    report = tmp_path / "report.sarif"
    code, out, _ = _run(["--site", str(tmp_path), "--format", "sarif", "--output", str(report),
                         str(tmp_path / "content")], capsys)
    assert code == 1 and out == ""
    results = json.loads(report.read_text(encoding="utf-8"))["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["prescription-only-medicine"]


def test_config_error_exits_2_with_located_message(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    _write(tmp_path / "site_config.yaml", "site: {name: x}\nlint:\n  profil: uk-cap\n")
    page = _write(tmp_path / "a.md", "Hello.\n")
    code, _, err = _run(["--site", str(tmp_path), str(page)], capsys)
    assert code == 2
    assert err.startswith("site_config.yaml:3:3: error: unknown lint setting 'profil' "
                          "(did you mean 'profile'?)")


def test_missing_path_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(["--site", str(tmp_path), str(tmp_path / "nope.md")], capsys)
    assert code == 2 and "no such file or folder" in err


def test_write_baseline_then_fail_only_on_new(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    page = _write(tmp_path / "content" / "pages" / "a.md", "---\ntitle: A\n---\nWe cure pain.\n")
    baseline = tmp_path / "baseline.json"
    code, _, _ = _run(["--site", str(tmp_path), "--write-baseline", str(baseline), str(page)],
                      capsys)
    assert code == 1 and baseline.is_file()
    _write(page, "---\ntitle: A\n---\nIntro.\n\nWe cure pain.\n")
    code, out, _ = _run(["--site", str(tmp_path), "--baseline", str(baseline), str(page)], capsys)
    assert code == 0 and "[baseline]" in out
    _write(page, "---\ntitle: A\n---\nIntro.\n\nWe cure pain.\n\nResults are guaranteed.\n")
    code, _, _ = _run(["--site", str(tmp_path), "--baseline", str(baseline), str(page)], capsys)
    assert code == 1


def test_profile_option_overrides_config(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    page = _write(tmp_path / "a.md", "---\ntitle: Offers\n---\nBotox from $10.\n")
    assert _run(["--site", str(tmp_path), str(page)], capsys)[0] == 0
    assert _run(["--site", str(tmp_path), "--profile", "au-ahpra", str(page)], capsys)[0] == 1


@pytest.mark.skipif(not (SITE / "site_config.yaml").is_file() or not (SITE / "content").is_dir(),
                    reason="example site not present")
def test_example_site_lints_clean_at_error_level(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    pipeline = pytest.importorskip("clinicsite.pipeline")
    if not hasattr(pipeline, "collect_lint_input"):
        pytest.skip("site lint input not available")
    site = tmp_path / "site"
    for name in ("site_config.yaml", "content", "templates", "static"):
        source = SITE / name
        if source.is_dir():
            shutil.copytree(source, site / name)
        elif source.is_file():
            site.mkdir(exist_ok=True)
            shutil.copy(source, site / name)
    code, out, err = _run(["--site", str(site), "--format", "json"], capsys)
    assert code == 0, out + err
    data = json.loads(out)
    assert data["summary"]["error"] == 0
    assert not [f for f in data["findings"] if f["suppressed"]], "nothing should be suppressed"
