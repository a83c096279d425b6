"""``python -m helpers count`` never destroys data, and its Dask paths stay on this machine.

* The counts are written beside ``--out`` under a temporary name and renamed only when
  complete: a failed rerun keeps the previous output; an interruption (Ctrl-C) or an
  unexpected exception leaves nothing at ``--out`` and no temporary file.
* An ``--out`` that is (or resolves to) an input is refused before anything is written.
* The local Dask cluster listens on 127.0.0.1 only; a closed or malformed ``--scheduler``
  is one clear line within seconds.
"""
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from distributed.comm.utils import get_tcp_server_addresses

from helpers import scale
from helpers.__main__ import main
from helpers.scale import check_scheduler_address, dask_client

KIT = Path(__file__).resolve().parents[1]
ENTITIES = KIT / "corpus" / "lexicons" / "entities.csv"
TEXTS = ["دخل الجيش السوري البوكمال", "داعش في البوكمال", "قوات سوريا الديمقراطية في الرقة", "لا شيء هنا"]


@pytest.fixture
def corpus_csv(tmp_path):
    path = tmp_path / "corpus.csv"
    pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(TEXTS))], "text": TEXTS}).to_csv(path, index=False)
    return path


def _count(corpus, out, *extra) -> int:
    return main(["count", "--corpus", str(corpus), "--lexicon", str(ENTITIES), "--out", str(out),
                 "--no-progress", "--batch-size", "1", *map(str, extra)])


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".part-" in p.name)


# --- atomic output ------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
def test_a_good_run_writes_the_output_and_no_temporary_file(corpus_csv, tmp_path, suffix):
    out = tmp_path / "out" / f"counts{suffix}"
    assert _count(corpus_csv, out) == 0
    counts = pd.read_parquet(out) if suffix == ".parquet" else pd.read_csv(out)
    assert counts["doc_id"].tolist() == ["d0", "d1", "d2", "d3"]
    assert counts.loc[1, "albukamal"] == 1
    assert _leftovers(out.parent) == []


def test_the_output_has_the_usual_file_permissions(corpus_csv, tmp_path):
    plain = tmp_path / "plain.txt"
    plain.write_text("x")
    out = tmp_path / "counts.csv"
    assert _count(corpus_csv, out) == 0
    assert out.stat().st_mode & 0o777 == plain.stat().st_mode & 0o777


def _fail_after_first_batch(monkeypatch, exc):
    """The writer raises ``exc`` on the second batch: a run that fails (or is interrupted) halfway."""
    real = scale._CountsWriter.write

    def write(self, frame):
        if self.rows >= 1:
            raise exc
        real(self, frame)

    monkeypatch.setattr(scale._CountsWriter, "write", write)


@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
def test_ctrl_c_halfway_leaves_no_file_at_the_final_name(corpus_csv, tmp_path, monkeypatch, capsys, suffix):
    out = tmp_path / f"counts{suffix}"
    _fail_after_first_batch(monkeypatch, KeyboardInterrupt())
    assert _count(corpus_csv, out) == 130
    assert not out.exists()
    assert _leftovers(tmp_path) == []
    assert "interrupted" in capsys.readouterr().err


def test_ctrl_c_keeps_the_previous_good_output(corpus_csv, tmp_path, monkeypatch, capsys):
    out = tmp_path / "counts.parquet"
    assert _count(corpus_csv, out) == 0
    before = out.read_bytes()
    _fail_after_first_batch(monkeypatch, KeyboardInterrupt())
    assert _count(corpus_csv, out) == 130
    assert out.read_bytes() == before
    assert "previous file is unchanged" in capsys.readouterr().err
    assert _leftovers(tmp_path) == []


def test_an_unexpected_exception_is_raised_and_leaves_nothing(corpus_csv, tmp_path, monkeypatch):
    out = tmp_path / "counts.parquet"
    _fail_after_first_batch(monkeypatch, RuntimeError("boom"))
    with pytest.raises(RuntimeError, match="boom"):
        _count(corpus_csv, out)
    assert not out.exists() and _leftovers(tmp_path) == []


def test_a_failed_rerun_keeps_the_previous_good_output(corpus_csv, tmp_path, capsys):
    out = tmp_path / "counts.parquet"
    assert _count(corpus_csv, out) == 0
    before = out.read_bytes()
    capsys.readouterr()
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"PAR1 this is not a parquet file")
    assert _count(broken, out) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "previous file is unchanged" in err and "Traceback" not in err
    assert out.read_bytes() == before
    assert _leftovers(tmp_path) == []


def test_an_io_error_while_writing_keeps_the_previous_output(corpus_csv, tmp_path, monkeypatch, capsys):
    out = tmp_path / "counts.csv"
    assert _count(corpus_csv, out) == 0
    before = out.read_bytes()
    _fail_after_first_batch(monkeypatch, OSError(28, "No space left on device"))
    assert _count(corpus_csv, out) == 2
    assert "No space left on device" in capsys.readouterr().err
    assert out.read_bytes() == before and _leftovers(tmp_path) == []


def test_a_real_sigint_leaves_no_partial_output(tmp_path):
    """The whole process, interrupted with SIGINT while it counts (a slow corpus: one article per batch)."""
    corpus = tmp_path / "big.csv"
    pd.DataFrame({"doc_id": [f"d{i}" for i in range(40_000)], "text": TEXTS * 10_000}).to_csv(corpus, index=False)
    out = tmp_path / "counts.parquet"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "helpers", "count", "--corpus", str(corpus), "--lexicon",
                             str(ENTITIES), "--out", str(out), "--batch-size", "1"], cwd=KIT, env=env,
                            stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not _leftovers(tmp_path) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert _leftovers(tmp_path), "the run never started writing"
    time.sleep(0.5)  # some batches are in the temporary file now
    proc.send_signal(2)  # SIGINT, as Ctrl-C sends
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    assert not out.exists() and _leftovers(tmp_path) == []


# --- an output that is an input -------------------------------------------------------------------


def test_out_equal_to_the_corpus_is_refused(tmp_path, capsys):
    corpus = tmp_path / "corpus.csv"
    pd.DataFrame({"doc_id": ["a"], "text": [TEXTS[0]]}).to_csv(corpus, index=False)
    before = corpus.read_bytes()
    for out in (corpus, tmp_path / "sub" / ".." / "corpus.csv"):
        (tmp_path / "sub").mkdir(exist_ok=True)
        assert _count(corpus, out) == 2
        assert "is the corpus file" in capsys.readouterr().err
    link = tmp_path / "link.csv"
    link.symlink_to(corpus)
    assert _count(corpus, link) == 2
    assert "is the corpus file" in capsys.readouterr().err
    assert corpus.read_bytes() == before and link.is_symlink()
    assert _leftovers(tmp_path) == []


def test_out_hard_linked_to_the_corpus_is_refused(tmp_path, capsys):
    corpus = tmp_path / "corpus.csv"
    pd.DataFrame({"doc_id": ["a"], "text": [TEXTS[0]]}).to_csv(corpus, index=False)
    os.link(corpus, tmp_path / "same.csv")
    assert _count(corpus, tmp_path / "same.csv") == 2
    assert "is the corpus file" in capsys.readouterr().err


def test_out_equal_to_a_parquet_corpus_is_refused(tmp_path, capsys):
    corpus = scale.write_parquet_corpus(pd.DataFrame({"doc_id": ["a"], "text": [TEXTS[0]]}), tmp_path / "c.parquet")
    before = corpus.read_bytes()
    assert _count(corpus, corpus) == 2
    assert "is the corpus file" in capsys.readouterr().err
    assert corpus.read_bytes() == before


def test_out_equal_to_the_lexicon_is_refused(tmp_path, corpus_csv, capsys):
    lexicon = tmp_path / "lex.csv"
    lexicon.write_bytes(ENTITIES.read_bytes())
    assert main(["count", "--corpus", str(corpus_csv), "--lexicon", str(lexicon), "--out", str(lexicon)]) == 2
    assert "is the lexicon file" in capsys.readouterr().err
    assert lexicon.read_bytes() == ENTITIES.read_bytes()


def test_out_equal_to_a_kit_lexicon_given_by_name_is_refused(corpus_csv, capsys):
    before = ENTITIES.read_bytes()
    assert main(["count", "--corpus", str(corpus_csv), "--lexicon", "entities", "--out", str(ENTITIES)]) == 2
    assert "is the lexicon file" in capsys.readouterr().err
    assert ENTITIES.read_bytes() == before


def test_out_inside_the_corpus_folder_is_refused(tmp_path, capsys):
    folder = tmp_path / "kit"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXTS[0], encoding="utf-8")
    assert _count(folder, folder / "counts.csv") == 2
    assert "inside the corpus folder" in capsys.readouterr().err
    assert sorted(p.name for p in folder.iterdir()) == ["a.txt"]


def test_out_inside_the_seed_or_a_mirrored_dataset_is_refused(capsys, mirror):
    assert _count("seed", KIT / "corpus" / "seed" / "counts.csv") == 2
    assert "inside the corpus folder" in capsys.readouterr().err
    assert _count("antcorpus", mirror / "antcorpus-syria" / "counts.parquet") == 2
    assert "inside the corpus folder" in capsys.readouterr().err
    assert not (KIT / "corpus" / "seed" / "counts.csv").exists()


def test_out_that_is_a_folder_is_refused(tmp_path, corpus_csv, capsys):
    (tmp_path / "x.parquet").mkdir()
    assert _count(corpus_csv, tmp_path / "x.parquet") == 2
    assert "is a folder" in capsys.readouterr().err


# --- Dask: local only, clear errors ------------------------------------------------------------------


def _host(address: str) -> str:
    return address.split("://")[-1].rsplit(":", 1)[0]


def test_local_cluster_listens_on_127_0_0_1_only():
    with dask_client(workers=1) as client:
        cluster = client.cluster
        info = client.scheduler_info()
        assert _host(cluster.scheduler_address) == "127.0.0.1"
        assert all(_host(w) == "127.0.0.1" for w in info["workers"])
        # The scheduler's HTTP routes (/info, /metrics...) and the workers' own HTTP servers.
        http_hosts = client.run_on_scheduler(lambda dask_scheduler: [
            a[0] for a in get_tcp_server_addresses(dask_scheduler.http_server)])
        worker_http = client.run(lambda dask_worker: [a[0] for a in get_tcp_server_addresses(dask_worker.http_server)])
        assert http_hosts and set(http_hosts) == {"127.0.0.1"}
        assert worker_http and all(set(hosts) == {"127.0.0.1"} for hosts in worker_http.values())
        assert all(_host(w["nanny"]) == "127.0.0.1" for w in info["workers"].values())
        assert "dashboard" not in info["services"] or info["services"]["dashboard"] != 8787


def test_no_process_of_the_local_cluster_listens_beyond_loopback():
    """Every listening TCP socket of this process and of the worker processes (nannies and
    workers), whatever opened it, is bound to 127.0.0.1."""
    import psutil

    with dask_client(workers=2) as client:
        me = psutil.Process()
        processes = [me, *me.children(recursive=True)]
        listening = [(p.pid, c.laddr) for p in processes for c in p.net_connections(kind="inet")
                     if c.status == psutil.CONN_LISTEN]
        assert len(client.scheduler_info()["workers"]) == 2
    assert len(listening) >= 1 + 2 * 3  # scheduler (+ HTTP), 2 nannies, 2 workers (+ HTTP)
    assert [(pid, addr) for pid, addr in listening if addr.ip != "127.0.0.1"] == []


def test_scheduler_http_routes_do_not_answer_on_another_interface():
    """Seen from outside: the /info port answers on 127.0.0.1 and refuses the machine's other address."""
    other = _other_local_address()
    with dask_client(workers=1) as client:
        port = client.run_on_scheduler(lambda dask_scheduler: dask_scheduler.http_server.port)
        with socket.create_connection(("127.0.0.1", port), timeout=2):
            pass
        if other is not None:
            with pytest.raises(OSError):
                socket.create_connection((other, port), timeout=2).close()


def _other_local_address() -> str | None:
    """An address of this machine other than loopback (None when it has none)."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))  # no packet is sent: this only picks the outgoing interface
            address = s.getsockname()[0]
    except OSError:
        return None
    return None if address.startswith("127.") else address


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_closed_scheduler_port_fails_fast_with_a_clear_message(corpus_csv, tmp_path, capsys):
    port = _closed_port()
    start = time.monotonic()
    assert _count(corpus_csv, tmp_path / "c.parquet", "--scheduler", f"tcp://127.0.0.1:{port}") == 2
    elapsed = time.monotonic() - start
    err = capsys.readouterr().err
    assert elapsed < scale.CONNECT_TIMEOUT + 5, elapsed
    assert err.startswith("error: cannot reach a Dask scheduler at tcp://127.0.0.1:") and "Traceback" not in err
    assert not (tmp_path / "c.parquet").exists() and _leftovers(tmp_path) == []


def test_dask_client_on_a_closed_port_raises_connection_error():
    with pytest.raises(ConnectionError, match="cannot reach a Dask scheduler"):
        with dask_client(scheduler=f"127.0.0.1:{_closed_port()}"):
            pass


@pytest.mark.parametrize("address, message", [
    ("localhost", "no port"),
    ("tcp://", "no port"),
    (":8786", "no host"),
    ("http://127.0.0.1:8786", "unknown protocol 'http'"),
    ("127.0.0.1:abc", "not host:port"),
    ("127.0.0.1:70000", "out of range"),
    ("::::", "not host:port"),
])
def test_a_malformed_scheduler_address_is_one_clear_line(address, message, corpus_csv, tmp_path, capsys):
    assert _count(corpus_csv, tmp_path / "c.parquet", "--scheduler", address) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: scheduler address {address!r}") and message in err
    assert "Traceback" not in err and not (tmp_path / "c.parquet").exists()
    with pytest.raises(ValueError, match=message):
        check_scheduler_address(address)


def test_a_malformed_scheduler_address_via_subprocess(corpus_csv, tmp_path):
    done = subprocess.run([sys.executable, "-m", "helpers", "count", "--corpus", str(corpus_csv), "--lexicon",
                           str(ENTITIES), "--out", str(tmp_path / "c.csv"), "--scheduler", "not an address"],
                          cwd=KIT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "scheduler address 'not an address': no port" in done.stderr
