"""The classroom set-up: `make lab` opens JupyterLab at the kit's root without "news"
notifications, and the Binder files give the same environment with one click."""
from __future__ import annotations

import html
import json
import os
import re
import shlex
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

KIT = Path(__file__).resolve().parents[1]
LAB_NEWS = "@jupyterlab/apputils-extension:announcements"


def _make_lab_command() -> list[str]:
    """The command `make lab` runs, with this interpreter as the kit's Python (nothing is run)."""
    dry = subprocess.run(["make", "-n", "lab", f"PY={sys.executable}", "STAMP=/dev/null"],
                         cwd=KIT, capture_output=True, text=True, check=True)
    lines = [ln for ln in dry.stdout.splitlines() if "-m jupyterlab " in ln or ln.endswith("-m jupyterlab")]
    assert len(lines) == 1, dry.stdout
    return shlex.split(lines[0])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, timeout: float = 5) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read().decode("utf-8")


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server started exactly as `make lab` starts it, on 127.0.0.1 and a free port."""
    port, token = _free_port(), "itar-test-token"
    command = _make_lab_command() + [f"--ServerApp.port={port}", f"--IdentityProvider.token={token}",
                                     "--ServerApp.open_browser=False"]
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(tmp_path_factory.mktemp("runtime")))
    log = tmp_path_factory.mktemp("lablog") / "lab.log"
    with open(log, "w") as out:
        proc = subprocess.Popen(command, cwd=KIT, stdout=out, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                _get(f"{base}/api/status?token={token}")
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not start: {log.read_text()[-3000:]}")
                time.sleep(0.5)
        yield base, token, command
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_make_lab_serves_the_kit_root_on_localhost(lab):
    base, token, command = lab
    assert "--ServerApp.ip=127.0.0.1" in command
    listing = json.loads(_get(f"{base}/api/contents?token={token}"))
    names = {item["name"] for item in listing["content"]}
    assert {"README.md", "notebooks", "corpus", "docs", "figures"} <= names, names
    lesson = json.loads(_get(f"{base}/api/contents/notebooks/04_entities.ipynb?content=0&token={token}"))
    assert lesson["type"] == "notebook"


def test_jupyterlab_news_is_turned_off_in_the_kits_environment(lab):
    base, token, _ = lab
    if Path(sys.prefix).resolve() != (KIT / ".venv").resolve():
        pytest.skip(f"not the kit's .venv ({sys.prefix}): the setting is written by `make` and by binder/postBuild")
    page = _get(f"{base}/lab?token={token}")
    m = re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', page, re.S)
    config = json.loads(html.unescape(m.group(1)))
    assert LAB_NEWS in config.get("disabledExtensions", []), config.get("disabledExtensions")


def test_the_install_step_turns_the_news_off():
    makefile = (KIT / "Makefile").read_text(encoding="utf-8")
    install = makefile.split("$(STAMP): pyproject.toml", 1)[1].split("\n\n", 1)[0]
    assert "labextensions disable --level=sys_prefix" in install and LAB_NEWS in makefile


def test_binder_files():
    binder = KIT / "binder"
    assert "libfribidi0" in (binder / "apt.txt").read_text(encoding="utf-8").split()
    env = (binder / "environment.yml").read_text(encoding="utf-8")
    assert re.search(r"^\s*-\s*python=3\.\d+\s*$", env, re.M), "repo2docker reads only python=X.Y"
    post = binder / "postBuild"
    assert os.access(post, os.X_OK)
    script = post.read_text(encoding="utf-8")
    assert script.startswith("#!/bin/bash") and "set -euo pipefail" in script
    assert re.search(r"pip install .*-e '\.\[test\]'", script)
    assert f'labextensions disable --level=sys_prefix "{LAB_NEWS}"' in script
    assert subprocess.run(["bash", "-n", str(post)]).returncode == 0


def test_readme_has_a_binder_badge_that_opens_jupyterlab():
    readme = (KIT / "README.md").read_text(encoding="utf-8")
    m = re.search(r"\[!\[[^\]]*\]\(https://mybinder\.org/badge_logo\.svg\)\]\((https://mybinder\.org/v2/gh/[^)]+)\)", readme)
    assert m, "no Binder badge in the README"
    assert "urlpath=lab" in m.group(1)
    assert re.search(r"first use", readme[m.end():m.end() + 1500]), "say that Binder downloads the corpora on first use"
