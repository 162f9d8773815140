"""A built wheel carries templates, static files and migrations: installed in a
clean virtual environment outside the checkout, it migrates a database and
renders the login page."""

import subprocess
import sys
import sysconfig
import textwrap
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow

SCRIPT = textwrap.dedent("""
    import os, sys
    import rmn_portal
    from flask_migrate import upgrade
    here = os.path.dirname(rmn_portal.__file__)
    assert here.startswith(sys.prefix), here  # imported from the wheel, not the checkout
    app = rmn_portal.create_app({"TESTING": True, "SECRET_KEY": "wheel-test"})
    with app.app_context():
        upgrade()
    page = app.test_client().get("/login")
    css = app.test_client().get("/static/css/portal.css")
    print(page.status_code, css.status_code, "Sign in" in page.get_data(as_text=True),
          app.template_folder.startswith(here))
""")


def test_wheel_installs_and_serves_the_login_page(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(dist), str(ROOT)], check=True, cwd=tmp_path)
    wheel = next(dist.glob("rmn_portal-*.whl"))

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    target = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()"
                             "['purelib'])"], check=True, capture_output=True, text=True)
    site = Path(target.stdout.strip())
    # Install the wheel itself; its dependencies come from this test run's
    # environment (a plain path entry: no editable install of the checkout).
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                    str(site), str(wheel)], check=True)
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")

    instance = tmp_path / "instance"
    result = subprocess.run([str(python), "-c", SCRIPT], cwd=tmp_path, capture_output=True,
                            text=True, env={"RMN_INSTANCE_PATH": str(instance),
                                            "PATH": "/usr/bin:/bin"}, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["200", "200", "True", "True"]
    assert (instance / "rmn.sqlite3").exists()
