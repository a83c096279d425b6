"""The dataset fetcher against a local HTTP server (127.0.0.1, no outside network).

A registered dataset is simulated: its files are served by ``http.server`` from a temporary
folder, its checksums written beside them; ``ITAR_DATA`` is unset and ``ITAR_CACHE`` points
into ``tmp_path``. Covered: a clean download; a read-only or invalid cache (a clear
DatasetError, not a raw PermissionError); orphan ``.part-*`` files from an interrupted
download are removed; a cut connection is reported as a truncated download, a wrong file
as a changed origin; nothing half-written is left in the cache.
"""
import hashlib
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from helpers import datasets
from helpers.datasets import Dataset, DatasetError, fetch, remove_orphan_parts

FILES = {"data/a.txt": "مرحبا بالعالم\n".encode() * 2000, "data/b.txt": b"second file\n" * 500}


class _Origin(BaseHTTPRequestHandler):
    """Serves FILES; ``mode`` (a class attribute) breaks them on purpose."""

    mode = "ok"
    requests: list[str] = []

    def do_GET(self):  # noqa: N802 - http.server's name
        rel = self.path.split("/", 2)[-1]
        type(self).requests.append(rel)
        body = FILES.get(rel)
        if body is None:
            self.send_error(404)
            return
        if self.mode == "changed":
            body = body[::-1]
        self.send_response(200)
        if self.mode == "no-length-truncated":
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            return
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.mode == "truncated":
            self.wfile.write(body[: len(body) // 3])
            self.wfile.flush()
            self.connection.shutdown(2)  # the connection drops mid-file
            return
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def origin():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Origin)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Origin.mode = "ok"
    _Origin.requests = []
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def toy(origin, tmp_path, monkeypatch):
    """A registered dataset 'toy' served by the local origin; the cache in tmp_path/cache."""
    registry = tmp_path / "registry"
    registry.mkdir()
    (registry / "toy.sha256").write_text(
        "".join(f"{hashlib.sha256(body).hexdigest()}  {rel}\n" for rel, body in FILES.items()), encoding="utf-8")
    host, port = origin.server_address[:2]
    ds = Dataset(name="toy", title="toy", origin=f"http://{host}:{port}", commit="c0ffee",
                 url_pattern=f"http://{host}:{port}/{{commit}}/{{path}}", mirror_folder="toy",
                 checksums_file="toy.sha256", licence="-", citation="-")
    monkeypatch.setattr(datasets, "REGISTRY_DIR", registry)
    monkeypatch.setitem(datasets.DATASETS, "toy", ds)
    monkeypatch.delenv("ITAR_DATA", raising=False)
    monkeypatch.setenv("ITAR_CACHE", str(tmp_path / "cache"))
    datasets._read_checksums.cache_clear()
    yield ds
    datasets._read_checksums.cache_clear()


def _parts(root: Path) -> list[Path]:
    return sorted(root.rglob(".part-*")) if root.exists() else []


def test_a_clean_download_lands_in_the_cache_verified(toy, tmp_path):
    root = fetch("toy")
    assert root == tmp_path / "cache" / "toy"
    for rel, body in FILES.items():
        assert (root / rel).read_bytes() == body
    assert _parts(root) == []
    _Origin.requests.clear()
    assert fetch("toy") == root and _Origin.requests == []  # nothing downloaded twice


def test_a_read_only_cache_is_a_clear_error(toy, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    cache.mkdir()
    cache.chmod(0o555)
    if os.geteuid() == 0:  # root writes through file modes: answer as a normal user would get
        real = os.access
        monkeypatch.setattr(datasets.os, "access", lambda p, mode: False if Path(p).is_relative_to(cache) else real(p, mode))
    try:
        with pytest.raises(DatasetError) as err:
            fetch("toy")
    finally:
        cache.chmod(0o755)
    message = str(err.value)
    assert "ITAR_CACHE=" in message and str(cache) in message
    assert ("read-only" in message or "cannot create" in message) and "ITAR_DATA" in message


def test_a_cache_that_refuses_writes_is_a_clear_error(toy, tmp_path, monkeypatch):
    """Past the access check (ACLs, quotas...): the temporary file cannot be created."""
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(datasets.tempfile, "mkstemp", refuse)
    with pytest.raises(DatasetError, match=r"cannot write into the download cache .*Permission denied.*ITAR_CACHE"):
        fetch("toy")


def test_a_file_in_place_of_the_cache_is_a_clear_error(toy, tmp_path):
    (tmp_path / "cache").write_text("not a folder")
    with pytest.raises(DatasetError, match="a file is in the way|is a file, not a folder"):
        fetch("toy")


def test_a_cache_below_a_file_is_a_clear_error(toy, tmp_path, monkeypatch):
    (tmp_path / "afile").write_text("x")
    monkeypatch.setenv("ITAR_CACHE", str(tmp_path / "afile" / "cache"))
    with pytest.raises(DatasetError, match="is a file, not a folder"):
        fetch("toy")


def test_an_empty_itar_cache_means_the_default(monkeypatch):
    monkeypatch.setenv("ITAR_CACHE", "  ")
    assert datasets.cache_dir() == Path("~/.cache/itar").expanduser()


def test_orphan_part_files_are_removed_on_the_next_fetch(toy, tmp_path):
    folder = tmp_path / "cache" / "toy" / "data"
    folder.mkdir(parents=True)
    dead = folder / ".part-999999999-x1"  # a process id that is not running
    old_style = folder / ".part-k2j3h4"  # written before downloads carried their process id
    for part in (dead, old_style):
        part.write_bytes(b"half a file")
    root = fetch("toy")
    assert _parts(root) == []
    assert (root / "data/a.txt").read_bytes() == FILES["data/a.txt"]


def test_orphans_go_even_when_nothing_is_left_to_download(toy, tmp_path):
    root = fetch("toy")
    (root / "data" / ".part-999999999-zz").write_bytes(b"x")
    fetch("toy")
    assert _parts(root) == []


def test_a_download_in_progress_in_another_process_is_left_alone(tmp_path):
    running = tmp_path / f".part-{os.getppid()}-abc"
    running.write_bytes(b"downloading")
    assert remove_orphan_parts(tmp_path) == [] and running.exists()
    stale = tmp_path / f".part-{os.getppid()}-old"
    stale.write_bytes(b"x")
    os.utime(stale, (0, 0))  # untouched for decades: the process id was reused
    assert remove_orphan_parts(tmp_path) == [stale]


def test_a_cut_connection_is_reported_as_truncated(toy, tmp_path):
    _Origin.mode = "truncated"
    with pytest.raises(DatasetError) as err:
        fetch("toy")
    message = str(err.value)
    assert "incomplete" in message and "of {:,} bytes".format(len(FILES["data/a.txt"])) in message
    assert "origin may have changed" not in message and "Run again" in message
    root = tmp_path / "cache" / "toy"
    assert _parts(root) == [] and not (root / "data/a.txt").exists()
    _Origin.mode = "ok"  # the next run downloads it afresh
    assert (fetch("toy") / "data/a.txt").read_bytes() == FILES["data/a.txt"]


def test_a_short_download_without_length_is_not_blamed_on_the_origin_alone(toy, tmp_path):
    _Origin.mode = "no-length-truncated"
    with pytest.raises(DatasetError) as err:
        fetch("toy")
    message = str(err.value)
    assert "has SHA-256" in message and "sent no length" in message
    assert "cut short" in message and f"{len(FILES['data/a.txt']) // 2:,} bytes" in message
    assert _parts(tmp_path / "cache" / "toy") == []


def test_a_complete_file_with_other_content_says_the_origin_changed(toy, tmp_path):
    _Origin.mode = "changed"
    with pytest.raises(DatasetError, match="complete.*origin may have changed"):
        fetch("toy")
    root = tmp_path / "cache" / "toy"
    assert _parts(root) == [] and not (root / "data/a.txt").exists()


def test_a_missing_file_at_the_origin_is_a_clear_error(toy):
    registry = datasets.REGISTRY_DIR / "toy.sha256"
    registry.write_text(registry.read_text() + f"{'0' * 64}  data/c.txt\n")
    datasets._read_checksums.cache_clear()
    with pytest.raises(DatasetError, match=r"cannot download .*data/c\.txt.*404"):
        fetch("toy")
