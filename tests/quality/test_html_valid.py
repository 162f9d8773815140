"""The Nu Html Checker reports no errors on the HTML the server sends for the
main pages (English and Serbian Latin, signed in and out; one test per
language, so that the two run in parallel)."""

import json
import shutil
import subprocess

import pytest

from .conftest import NODE_MODULES, open_as, page_url
from .pages import LANGUAGES, PAGES

VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"

pytestmark = [pytest.mark.browser, pytest.mark.skipif(
    not VNU.exists() or shutil.which("java") is None,
    reason="vnu-jar (npm) or Java is missing; HTML validation skipped")]


@pytest.mark.parametrize("language", LANGUAGES[:2])
def test_main_pages_are_valid_html(new_page, live_server, quality_world, tmp_path, language):
    files = []
    for who in ("anonymous", "org_admin", "admin", "coordinator"):
        page = open_as(new_page, live_server, quality_world, who, language)
        for path, owner in PAGES:
            if owner != who:
                continue
            # The bytes the server sent, fetched with this person's cookies.
            response = page.context.request.get(page_url(path, quality_world, language))
            assert response.status in (200, 404), f"{path}: {response.status}"
            name = f"{language}-{who}-{len(files):03d}.html"
            (tmp_path / name).write_bytes(response.body())
            files.append((name, path))
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json",
                             *[str(tmp_path / name) for name, _ in files]],
                            capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    by_file = dict(files)
    problems = [f"{by_file[m['url'].rsplit('/', 1)[-1]]} ({m['url'].rsplit('/', 1)[-1]}): "
                f"line {m.get('lastLine')}: {m['message']}" for m in messages]
    assert len(files) == len(PAGES)
    assert not problems, "\n".join(problems)


def test_the_validator_itself_reports_an_error(tmp_path):
    broken = tmp_path / "broken.html"
    broken.write_text("<!doctype html><html lang=en><title>x</title><p><div></p>")
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json",
                             str(broken)], capture_output=True, text=True, timeout=120)
    assert json.loads(result.stderr)["messages"]
