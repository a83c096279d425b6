"""The lessons in a real browser: headless Chromium, driven by Playwright, against JupyterLab.

The test starts a JupyterLab server on 127.0.0.1 at the kit root (a free port, a random token,
its own temporary Jupyter config, runtime, data and settings folders; news, update checks and
autosave off, so the committed notebooks are never written), opens every lesson in
``notebooks/`` plus a small widget notebook it writes to ``work/browser-test/``, runs all
cells (JupyterLab's "Run All Cells" command), waits for the kernel to be idle, and checks
what a reader sees:

* no cell ends in an error, and every code cell ran;
* every Markdown paragraph written in Arabic has the computed CSS direction ``rtl``;
* a KWIC row (:func:`helpers.show_kwic`) reads right to left: the before-context cell is
  drawn to the right of the match, the after-context to its left;
* the widgets respond: changing a control changes what the widget shows.

Screenshots go to ``work/screenshots/`` (git-ignored). ``ITAR_BROWSER_LESSONS=04,05`` runs only
those lessons (and the widget notebook). Each lesson runs once; results are
gathered by one module fixture and asserted per lesson.

Chromium comes from the system (Debian's ``chromium`` package, installed by ``.ci/run``);
Playwright cannot download its own browser here. Without Chromium or Playwright the test is
skipped with a loud reason, except when the environment variable ``CI`` is set: then it fails.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

KIT = Path(__file__).resolve().parents[1]
# ITAR_BROWSER_LESSONS=04,05 runs only the lessons whose names start so (while working on them)
ONLY = [x for x in os.environ.get("ITAR_BROWSER_LESSONS", "").split(",") if x]
LESSONS = sorted(p for p in (KIT / "notebooks").glob("[0-9][0-9]_*.ipynb")
                 if not ONLY or any(p.name.startswith(x) for x in ONLY))
WORK = KIT / "work"
SHOTS = WORK / "screenshots"
SCRATCH = WORK / "browser-test"
CHROMIUM = os.environ.get("ITAR_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]
IN_CI = bool(os.environ.get("CI"))
LESSON_TIMEOUT = 900  # seconds for one notebook to run (a lesson takes about a minute)
PARALLEL = 2  # notebooks run at the same time, one kernel each
KWIC_BROWSER_PATTERN = "داعش"  # typed into a KWIC browser: it occurs in the seed article's title and text

# JupyterLab user settings for the test's server: no news, no update check, no autosave (the
# committed notebooks must stay as they are), every cell in the page (no virtual scrolling).
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false",
                                                                        "checkForUpdates": False},
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}


def _not_runnable(reason: str):
    """Skip loudly outside CI; fail in CI, where the browser test must run."""
    message = f"REAL-BROWSER TEST NOT RUN: {reason}"
    if IN_CI:
        pytest.fail(message + " (CI is set, so this is a failure)", pytrace=False)
    print("\n" + "!" * 100 + f"\n{message}\n" + "!" * 100, file=sys.stderr)
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _digest(paths) -> dict:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}


# --- the widget notebook ----------------------------------------------------------------------

def _write_widget_notebook() -> Path:
    """A small notebook with a KWIC table and both widgets on the seed article (fast to run)."""
    entities = (KIT / "corpus" / "lexicons" / "entities.csv").as_posix()
    frames = (KIT / "corpus" / "lexicons" / "frames.csv").as_posix()
    cells = [
        nbformat.v4.new_markdown_cell("# Widgets\n\n<div dir=\"rtl\">دخل الجيش السوري مدينة البوكمال.</div>"),
        nbformat.v4.new_code_cell("import pandas as pd\nimport helpers\n"
                                  "seed = helpers.load_corpus(\"seed\")\n"
                                  "two = pd.concat([seed.assign(outlet=\"Seed A\"),\n"
                                  "                 seed.assign(outlet=\"Seed B\", doc_id=seed.doc_id + \"-b\")],\n"
                                  "                ignore_index=True)"),
        nbformat.v4.new_code_cell(f"helpers.show_kwic(helpers.kwic(seed, {entities!r}, window=5).head(5))"),
        nbformat.v4.new_code_cell(f"helpers.kwic_browser(two, {entities!r}, window=5, max_rows=8)"),
        nbformat.v4.new_code_cell(f"helpers.rates_explorer(two, {frames!r}, n_boot=50)"),
    ]
    nb = nbformat.v4.new_notebook(cells=cells, metadata={
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}})
    SCRATCH.mkdir(parents=True, exist_ok=True)
    path = SCRATCH / "widgets.ipynb"
    nbformat.write(nb, path)
    return path


# --- the JupyterLab server --------------------------------------------------------------------

class LabServer:
    """JupyterLab on 127.0.0.1 at the kit root, with throwaway config, runtime and settings folders."""

    def __init__(self, tmp: Path):
        self.port = _free_port()
        self.token = hashlib.sha256(os.urandom(32)).hexdigest()[:32]
        self.base = f"http://127.0.0.1:{self.port}"
        config, runtime, data, settings, workspaces, ipython = (tmp / d for d in (
            "config", "runtime", "data", "settings", "workspaces", "ipython"))
        for d in (config, runtime, data, workspaces, ipython):
            d.mkdir(parents=True)
        for name, values in LAB_SETTINGS.items():
            path = settings / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values), encoding="utf-8")
        (config / "jupyter_server_config.json").write_text(json.dumps({
            "LabApp": {"news_url": None, "check_for_updates_class": "jupyterlab.NeverCheckForUpdate"}}))
        env = dict(os.environ, JUPYTER_CONFIG_DIR=str(config), JUPYTER_RUNTIME_DIR=str(runtime),
                   JUPYTER_DATA_DIR=str(data), IPYTHONDIR=str(ipython), PYTHONHASHSEED="0")
        env.pop("MPLBACKEND", None)  # the notebook's inline backend, as for a student
        if os.environ.get("ITAR_DATA"):  # the kernel runs in notebooks/: make the data path absolute
            env["ITAR_DATA"] = str(Path(os.environ["ITAR_DATA"]).resolve())
        cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={self.port}",
               "--ServerApp.port_retries=0", f"--IdentityProvider.token={self.token}",
               f"--ServerApp.root_dir={KIT}", "--LabApp.expose_app_in_browser=True",
               f"--LabApp.user_settings_dir={settings}", f"--LabApp.workspaces_dir={workspaces}"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            cmd.append("--allow-root")
        self.log = (tmp / "lab.log").open("w+", encoding="utf-8")
        self.process = subprocess.Popen(cmd, cwd=KIT, env=env, stdout=self.log, stderr=subprocess.STDOUT,
                                        start_new_session=True)
        self._wait_until_up()

    def _wait_until_up(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with {self.process.returncode}:\n{self.log_text()}")
            try:
                with urllib.request.urlopen(f"{self.base}/api/status?token={self.token}", timeout=5) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.5)
        raise RuntimeError(f"JupyterLab did not answer within {timeout} s:\n{self.log_text()}")

    def log_text(self) -> str:
        self.log.flush()
        self.log.seek(0)
        return self.log.read()[-4000:]

    def url(self, path: Path, workspace: str) -> str:
        rel = path.relative_to(KIT).as_posix()
        return f"{self.base}/lab/workspaces/{workspace}/tree/{rel}?token={self.token}&reset"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()  # the server's own process: it shuts down its kernels
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.log.close()


# --- what the page is asked -----------------------------------------------------------------

JS_READY = """async () => {
  const app = window.jupyterapp;
  if (!app) return 'no app';
  const w = app.shell.currentWidget;
  if (!w || !w.sessionContext) return 'no notebook';
  await w.context.ready;
  await w.sessionContext.ready;
  const k = w.sessionContext.session && w.sessionContext.session.kernel;
  return k ? k.status : 'no kernel';
}"""

JS_STATE = """() => {
  const w = window.jupyterapp.shell.currentWidget;
  const k = w.sessionContext.session && w.sessionContext.session.kernel;
  const busy = [...document.querySelectorAll('.jp-InputPrompt')].filter(p => p.textContent.includes('*')).length;
  return {kernel: k ? k.status : 'none', busy: busy};
}"""

JS_RUN_ALL = """async () => {
  await window.jupyterapp.commands.execute('notebook:run-all-cells');
  return true;
}"""

JS_CELLS = """() => {
  const cells = window.jupyterapp.shell.currentWidget.content.model.cells;
  const out = [];
  for (let i = 0; i < cells.length; i++) {
    const c = cells.get(i);
    if (c.type !== 'code' || !c.sharedModel.getSource().trim()) continue;
    const outputs = c.outputs.toJSON();
    out.push({index: i, count: c.executionCount,
              errors: outputs.filter(o => o.output_type === 'error').map(o => o.ename + ': ' + o.evalue)});
  }
  return out;
}"""

# Block elements of rendered Markdown, and inline elements with a dir attribute, whose letters
# are mostly Arabic: each with its computed direction.
JS_ARABIC = """() => {
  const arabic = /[\\u0600-\\u06FF\\u0750-\\u077F\\u08A0-\\u08FF\\uFB50-\\uFDFF\\uFE70-\\uFEFF]/;
  const sel = ['p', 'li', 'div', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', '[dir]', 'bdi']
    .map(t => '.jp-MarkdownOutput ' + t).join(', ');
  const out = [];
  for (const el of document.querySelectorAll(sel)) {
    const letters = [...el.innerText].filter(c => /\\p{L}/u.test(c));
    const ar = letters.filter(c => arabic.test(c));
    if (letters.length >= 2 && ar.length / letters.length > 0.6) {
      out.push({tag: el.tagName.toLowerCase(), text: el.innerText.trim().slice(0, 80),
                direction: getComputedStyle(el).direction});
    }
  }
  return out;
}"""

# The first row of each KWIC table: the cells' boxes, and within the before and after cells the
# horizontal position of each Arabic word, in reading (logical) order.
JS_KWIC = """() => {
  const rows = [];
  const words = td => {
    const node = td.querySelector('bdi') ? td.querySelector('bdi').firstChild : null;
    if (!node) return [];
    return [...node.textContent.matchAll(/[\\u0600-\\u06FF]+/g)].map(m => {
      const r = document.createRange();
      r.setStart(node, m.index);
      r.setEnd(node, m.index + m[0].length);
      return r.getBoundingClientRect().left;
    });
  };
  for (const table of document.querySelectorAll('.itar-kwic table')) {
    const tr = table.querySelector('tbody tr');
    if (!tr) continue;
    const cell = cls => tr.querySelector('td.' + cls);
    const box = cls => { const r = cell(cls).getBoundingClientRect();
                         return {left: r.left, right: r.right, width: r.width}; };
    rows.push({before: box('kwic-before'), match: box('kwic-match'), after: box('kwic-after'),
               before_words: words(cell('kwic-before')), after_words: words(cell('kwic-after')),
               text: tr.innerText.slice(0, 120)});
  }
  return rows;
}"""


def _open(context, server, path: Path, workspace: str):
    page = context.new_page()
    page.set_default_timeout(120_000)
    page.goto(server.url(path, workspace))
    page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell.currentWidget "
                           "&& window.jupyterapp.shell.currentWidget.sessionContext", timeout=120_000)
    status = "starting"
    deadline = time.monotonic() + 120
    while status != "idle" and time.monotonic() < deadline:
        status = page.evaluate(JS_READY)
        if status != "idle":
            page.wait_for_timeout(500)
    assert status == "idle", f"{path.name}: kernel not ready ({status})"
    page.evaluate(JS_RUN_ALL)
    return page


def _finished(page, started: float, state: dict) -> bool:
    """True when the kernel has been idle, with no cell waiting to run, for two polls in a row."""
    now = page.evaluate(JS_STATE)
    quiet = now["kernel"] == "idle" and now["busy"] == 0 and time.monotonic() - started > 3
    state["quiet"] = state.get("quiet", 0) + 1 if quiet else 0
    return state["quiet"] >= 2


def _widgets_respond(page, stem: str) -> list[dict]:
    """Change the first drop-down of every top-level widget; report whether its view changed."""
    results = []
    boxes = page.locator(".jp-OutputArea-output .widget-vbox:not(.widget-vbox .widget-vbox)")
    for k in range(boxes.count()):
        box = boxes.nth(k)
        select = box.locator(".widget-dropdown select").first
        if select.count() == 0 or select.locator("option").count() < 2:
            continue
        box.scroll_into_view_if_needed()
        before = box.inner_html()
        current = select.input_value()
        values = [o.get_attribute("value") for o in select.locator("option").all()]
        choice = next(v for v in values if v != current)
        select.select_option(value=choice)
        changed = _wait_for_change(page, box.inner_html, before, timeout=120)
        page.wait_for_timeout(500)
        box.screenshot(path=str(SHOTS / f"{stem}-widget{k + 1}.png"))
        results.append({"widget": k + 1, "changed": changed})
    # The KWIC browser: type a pattern, then sort by the word after it (the lines are reordered).
    buttons = page.locator(".widget-toggle-button", has_text="word after")
    if buttons.count():
        box = page.locator(".jp-OutputArea-output .widget-vbox", has=buttons.first).last
        for step, action in (("pattern", lambda: _type_pattern(box)), ("sort by word after", buttons.first.click)):
            before = box.locator(".itar-kwic").inner_html()
            action()
            changed = _wait_for_change(page, lambda: box.locator(".itar-kwic").inner_html(), before)
            results.append({"widget": step, "changed": changed})
        box.screenshot(path=str(SHOTS / f"{stem}-widget-sorted.png"))
    return results


def _type_pattern(box) -> None:
    field = box.locator(".widget-text input").first
    field.fill(KWIC_BROWSER_PATTERN)
    field.press("Enter")


def _wait_for_change(page, read, before: str, timeout: float = 60) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if read() != before:
            return True
        page.wait_for_timeout(300)
    return False


def _inspect(page, path: Path) -> dict:
    stem = path.stem
    result = {"cells": page.evaluate(JS_CELLS), "arabic": page.evaluate(JS_ARABIC)}
    page.screenshot(path=str(SHOTS / f"{stem}-top.png"))
    rtl = page.locator(".jp-MarkdownOutput [dir=rtl]")
    if rtl.count():
        cell = page.locator(".jp-Cell", has=rtl.first).first
        cell.scroll_into_view_if_needed()
        cell.screenshot(path=str(SHOTS / f"{stem}-arabic.png"))
    kwic = page.locator(".jp-OutputArea-output .itar-kwic")
    if kwic.count():
        kwic.first.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        kwic.first.screenshot(path=str(SHOTS / f"{stem}-kwic.png"))
    result["kwic"] = page.evaluate(JS_KWIC)
    result["widgets"] = _widgets_respond(page, stem)
    return result


@pytest.fixture(scope="module")
def browser_run():
    """Run every lesson (and the widget notebook) once in Chromium; gather what each showed."""
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        _not_runnable(f"Playwright is not installed ({exc}); `pip install playwright`")
    if not Path(CHROMIUM).exists():
        _not_runnable(f"Chromium is not at {CHROMIUM}; install it with `apt-get install -y chromium` "
                      "(or set ITAR_CHROMIUM to its path)")
    SHOTS.mkdir(parents=True, exist_ok=True)
    notebooks = [*LESSONS, _write_widget_notebook()]
    committed = _digest(LESSONS)
    results: dict[str, dict] = {}
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="itar-browser-") as tmp:
        server = LabServer(Path(tmp))
        try:
            with sync_playwright() as pw:
                try:
                    browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
                except PlaywrightError as exc:
                    _not_runnable(f"Chromium at {CHROMIUM} does not start: {str(exc)[:500]}")
                context = browser.new_context(viewport={"width": 1400, "height": 1400}, locale="en-US")
                queue = list(notebooks)
                running: dict[Path, tuple] = {}
                while queue or running:
                    while queue and len(running) < PARALLEL:
                        path = queue.pop(0)
                        page = _open(context, server, path, f"itar-{path.stem}")
                        running[path] = (page, time.monotonic(), {})
                    for path, (page, t0, state) in list(running.items()):
                        timed_out = time.monotonic() - t0 > LESSON_TIMEOUT
                        if timed_out or _finished(page, t0, state):
                            result = _inspect(page, path)
                            result["seconds"] = round(time.monotonic() - t0, 1)
                            result["timed_out"] = timed_out
                            results[path.stem] = result
                            page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.shutdown()")
                            page.close()
                            del running[path]
                    time.sleep(1)
                browser.close()
        finally:
            server.stop()
    results["_seconds"] = round(time.monotonic() - started, 1)
    results["_unchanged"] = committed == _digest(LESSONS)
    print(f"\nbrowser test: {results['_seconds']} s for {len(notebooks)} notebooks; "
          + ", ".join(f"{k} {v['seconds']} s" for k, v in results.items() if not k.startswith("_")))
    return results


NAMES = [p.stem for p in LESSONS] + ["widgets"]


@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs_without_errors(browser_run, name):
    result = browser_run[name]
    assert not result["timed_out"], f"{name}: still running after {LESSON_TIMEOUT} s"
    errors = [(c["index"], e) for c in result["cells"] for e in c["errors"]]
    assert not errors, f"{name}: error outputs in cells {errors}"
    not_run = [c["index"] for c in result["cells"] if c["count"] is None]
    assert not not_run, f"{name}: cells {not_run} did not run"


@pytest.mark.parametrize("name", NAMES)
def test_arabic_markdown_reads_right_to_left(browser_run, name):
    arabic = browser_run[name]["arabic"]
    assert arabic, f"{name}: no Arabic Markdown found to check"
    wrong = [a for a in arabic if a["direction"] != "rtl"]
    assert not wrong, f"{name}: Arabic Markdown shown left to right: {wrong[:5]}"


def test_kwic_rows_read_right_to_left(browser_run):
    rows = [(name, row) for name in NAMES for row in browser_run[name]["kwic"]]
    assert rows, "no KWIC table was shown"
    for name, row in rows:
        before, match, after = row["before"], row["match"], row["after"]
        assert match["width"] > 0, f"{name}: empty match cell"
        assert before["left"] >= match["right"] - 1, f"{name}: before-context not right of the match: {row}"
        assert after["right"] <= match["left"] + 1, f"{name}: after-context not left of the match: {row}"
        # within a context cell the words run right to left: each word left of the one before it
        for cell in ("before_words", "after_words"):
            xs = row[cell]
            assert xs == sorted(xs, reverse=True), f"{name}: {cell} not in right-to-left order: {row}"
    assert any(len(row["after_words"]) >= 2 for _, row in rows), "no KWIC row with words to order"


def test_widgets_respond(browser_run):
    checked = [(name, w) for name in NAMES for w in browser_run[name]["widgets"]]
    # the widget notebook has a KWIC browser (drop-down, pattern, sort buttons) and a rates explorer
    assert sum(1 for name, _ in checked if name == "widgets") >= 4, checked
    unchanged = [(name, w) for name, w in checked if not w["changed"]]
    assert not unchanged, f"widgets did not respond: {unchanged}"


def test_committed_notebooks_are_left_as_they_were(browser_run):
    assert browser_run["_unchanged"], "running the lessons in JupyterLab changed the committed notebooks"
