"""The scaling paths give the pandas results: streaming, Dask, and ``python -m helpers count``."""
import os
import pickle
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest

from helpers import Lexicon, count_terms, frequencies, load_corpus
from helpers.__main__ import main
from helpers.scale import (LOCAL_CLUSTER_QUIET, byte_slices, cells_to_counts, count_terms_dask, count_terms_stream,
                           counts_to_cells, dask_client, frequencies_dask, iter_batches, iter_counts, partition_bytes,
                           read_corpus_dask, source_bytes, text_bytes, write_parquet_corpus)

KIT = Path(__file__).resolve().parents[1]
ENTITIES = KIT / "corpus" / "lexicons" / "entities.csv"


def _pandas_counts(corpus, lexicon=ENTITIES, rate_per=None) -> pd.DataFrame:
    """The reference: count_terms on the whole frame, indexed by doc_id."""
    counts = count_terms(corpus, lexicon, rate_per=rate_per)
    return counts.set_axis(pd.Index(corpus["doc_id"].astype(str), name="doc_id"))


def _by_id(counts: pd.DataFrame) -> pd.DataFrame:
    return counts.set_index("doc_id")


@pytest.fixture(scope="module")
def lexicon():
    return Lexicon.from_csv(ENTITIES)


@pytest.fixture(scope="module")
def ant_parquet(ant, tmp_path_factory):
    """ANT as Parquet with small row groups, so that batches and partitions are many."""
    return write_parquet_corpus(ant, tmp_path_factory.mktemp("scale") / "ant.parquet", row_group_size=400)


@pytest.fixture(scope="module")
def ant_counts(ant):
    return _pandas_counts(ant)


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, silence_logs=40,
                      **LOCAL_CLUSTER_QUIET) as cluster:
        yield cluster


@pytest.fixture(scope="module")
def client(cluster):
    from distributed import Client

    with Client(cluster) as client:
        yield client


# --- Parquet and batches --------------------------------------------------------------------


def test_write_parquet_keeps_the_schema_columns_in_row_groups(ant, ant_parquet):
    pf = pq.ParquetFile(ant_parquet)
    assert pf.metadata.num_rows == len(ant)
    assert pf.metadata.num_row_groups == -(-len(ant) // 400)
    assert pf.schema_arrow.names[:2] == ["doc_id", "dataset"] and "text" in pf.schema_arrow.names
    assert "is_empty" not in pf.schema_arrow.names and "abstract" not in pf.schema_arrow.names
    back = load_corpus(ant_parquet)
    pd.testing.assert_series_equal(back["text"], ant["text"])
    assert back["doc_id"].tolist() == ant["doc_id"].tolist()
    pd.testing.assert_series_equal(back["date"], ant["date"])


def test_write_parquet_from_batches_is_the_same_file(ant, ant_parquet, tmp_path):
    out = write_parquet_corpus(iter_batches(ant, 700), tmp_path / "b.parquet", row_group_size=400)
    assert pq.ParquetFile(out).metadata.num_rows == len(ant)
    pd.testing.assert_frame_equal(pd.read_parquet(out), pd.read_parquet(ant_parquet))


def test_iter_batches_sizes_and_rows(ant, ant_parquet):
    sizes = [len(b) for b in iter_batches(ant_parquet, 300, columns=["doc_id", "text"])]
    assert sum(sizes) == len(ant) and max(sizes) <= 300
    batches = list(iter_batches(ant_parquet, 1000))
    joined = pd.concat(batches)
    assert joined.index.tolist() == list(range(len(ant)))
    assert joined["doc_id"].tolist() == ant["doc_id"].tolist()
    assert [len(b) for b in iter_batches(ant, 1000)] == [1000, 1000, len(ant) - 2000]
    with pytest.raises(ValueError, match="batch_size"):
        next(iter_batches(ant, 0))


def test_parquet_without_ids_and_with_another_text_column_reads_like_load_corpus(tmp_path, lexicon):
    path = tmp_path / "mine.parquet"
    pd.DataFrame({"doc_id": ["a", None, " ", "d"],
                  "content": ["قوات سوريا الديمقراطية في الرقة", "داعش في البوكمال", None, "الجيش السوري"]}
                 ).to_parquet(path, row_group_size=2)
    corpus = load_corpus(path)
    streamed = count_terms_stream(path, lexicon, batch_size=3)
    assert streamed["doc_id"].tolist() == ["a", "mine-1", "mine-2", "d"] == corpus["doc_id"].tolist()
    pd.testing.assert_frame_equal(_by_id(streamed), _pandas_counts(corpus))


def test_a_folder_of_parquet_files_is_read_file_after_file(ant, client, tmp_path, lexicon):
    part = ant.iloc[:700]
    write_parquet_corpus(part.iloc[:400], tmp_path / "a.parquet", 300)
    write_parquet_corpus(part.iloc[400:], tmp_path / "b.parquet", 300)
    expected = _pandas_counts(part)
    pd.testing.assert_frame_equal(_by_id(count_terms_stream(tmp_path, lexicon, batch_size=200)), expected)
    dask_counts = count_terms_dask(read_corpus_dask(tmp_path, 300), lexicon).compute()
    pd.testing.assert_frame_equal(_by_id(dask_counts), expected)


def test_a_corrupt_parquet_file_is_a_clear_cli_error(tmp_path, capsys):
    bad = tmp_path / "bad.parquet"
    bad.write_bytes(b"not parquet at all")
    assert main(["count", "--corpus", str(bad), "--lexicon", str(ENTITIES), "--out", str(tmp_path / "c.csv"),
                 "--no-progress"]) == 2
    assert capsys.readouterr().err.startswith("error: ")


# --- streaming == pandas -------------------------------------------------------------------------


def test_stream_equals_pandas_on_the_seed(seed, tmp_path, lexicon):
    expected = _pandas_counts(seed)
    pd.testing.assert_frame_equal(_by_id(count_terms_stream("seed", lexicon, batch_size=1)), expected)
    parquet = write_parquet_corpus(seed, tmp_path / "seed.parquet")
    pd.testing.assert_frame_equal(_by_id(count_terms_stream(parquet, ENTITIES)), expected)


def test_stream_equals_pandas_on_ant(ant, ant_parquet, ant_counts, lexicon):
    streamed = count_terms_stream(ant_parquet, lexicon, batch_size=333)
    assert list(streamed.columns) == ["doc_id", *lexicon.shown_labels()]
    assert (streamed.dtypes.iloc[1:] == "int64").all()
    pd.testing.assert_frame_equal(_by_id(streamed), ant_counts)
    pd.testing.assert_frame_equal(_by_id(count_terms_stream(ant, lexicon, batch_size=1000)), ant_counts)


def test_stream_rates_equal_pandas_rates(ant, lexicon):
    part = ant.iloc[:900]
    streamed = count_terms_stream(part, lexicon, batch_size=400, rate_per=1000)
    pd.testing.assert_frame_equal(_by_id(streamed), _pandas_counts(part, lexicon, rate_per=1000))


def test_iter_counts_holds_one_batch_at_a_time(ant_parquet, lexicon):
    sizes = [len(c) for c in iter_counts(ant_parquet, lexicon, batch_size=1000)]
    assert max(sizes) <= 1000 and len(sizes) >= 3


def test_stream_of_an_empty_corpus_has_the_columns(lexicon):
    empty = count_terms_stream(pd.DataFrame({"doc_id": [], "text": []}), lexicon)
    assert list(empty.columns) == ["doc_id", *lexicon.shown_labels()] and len(empty) == 0


# --- Dask == pandas ----------------------------------------------------------------------------------


def test_lexicon_pickles_with_its_caches(ant, lexicon):
    count_terms(ant.head(100), lexicon)  # fill the caches
    copy = pickle.loads(pickle.dumps(lexicon))
    assert type(copy._info) is type(lexicon._info) and len(copy._info) == len(lexicon._info) > 0
    assert copy._info.norm is copy._norm  # the shared cache stays shared
    sample = ant.iloc[100:400]
    pd.testing.assert_frame_equal(count_terms(sample, copy), count_terms(sample, lexicon))


def test_dask_count_on_two_workers_equals_pandas_on_ant(client, ant, ant_parquet, ant_counts, lexicon):
    assert len(client.scheduler_info()["workers"]) == 2
    ddf = read_corpus_dask(ant_parquet, batch_size=800)
    assert ddf.npartitions == 4  # row groups of 400 gathered into pieces of at most 800 rows
    counts = count_terms_dask(ddf, lexicon).compute()
    pd.testing.assert_frame_equal(_by_id(counts), ant_counts)
    from_frame = count_terms_dask(read_corpus_dask(ant, batch_size=600), ENTITIES).compute()
    pd.testing.assert_frame_equal(_by_id(from_frame), ant_counts)
    # the lexicon was rebuilt once per worker process, not once per partition
    built = client.run(lambda: len(__import__("helpers.scale", fromlist=["_"])._WORKER_LEXICONS))
    assert set(built.values()) == {1}


def test_byte_slices_cover_every_row_once_in_order():
    sizes = [3, 0, 7, 1, 1, 1, 12, 2, 2]
    for target in (1, 2, 5, 8, 13, 100):
        slices = byte_slices(sizes, target)
        assert [i for a, b in slices for i in range(a, b)] == list(range(len(sizes)))
        assert all(b > a for a, b in slices)
        assert all(sum(sizes[a:b]) >= target for a, b in slices[:-1])  # every slice but the last is full
        assert all(sum(sizes[a:b - 1]) < target for a, b in slices)  # and closes as soon as it is


@pytest.mark.parametrize("part_bytes", [100_000, 200_000, 1_000_000, 3_000_000, 10**9])
def test_partitions_by_bytes_count_the_same_table(client, ant, ant_parquet, ant_counts, lexicon, part_bytes):
    """Whatever the partition size (about a hundred partitions ... one), the same table, in corpus order."""
    for source in (ant_parquet, ant):
        ddf = read_corpus_dask(source, partition_bytes=part_bytes)
        counts = count_terms_dask(ddf, lexicon).compute()
        assert counts["doc_id"].tolist() == ant["doc_id"].tolist()
        pd.testing.assert_frame_equal(_by_id(counts), ant_counts)
    if part_bytes >= 10**9:
        assert ddf.npartitions == 1
    if part_bytes == 200_000:  # about the total over the size, not one partition per row group
        assert ddf.npartitions == pytest.approx(text_bytes(ant).sum() / part_bytes, abs=1)


def test_partition_size_is_a_few_per_worker_within_bounds(ant, ant_parquet):
    total = source_bytes(ant_parquet)
    assert total == pytest.approx(text_bytes(ant).sum(), rel=0.05)  # Parquet metadata: uncompressed title + text
    assert partition_bytes(96 * 10**6, 2) == 16 * 10**6  # 3 per worker
    assert partition_bytes(10**12, 4) == 64 * 10**6 and partition_bytes(10, 2) == 2 * 10**6


def test_dask_rates_equal_pandas(client, ant, ant_parquet, lexicon):
    rates = count_terms_dask(read_corpus_dask(ant_parquet, 1000), lexicon, rate_per=1000).compute()
    pd.testing.assert_frame_equal(_by_id(rates), _pandas_counts(ant, lexicon, rate_per=1000))


def test_dask_frequencies_equal_pandas(client, ant, ant_parquet):
    pd.testing.assert_frame_equal(frequencies_dask(read_corpus_dask(ant_parquet, batch_size=800)), frequencies(ant))
    part = ant.iloc[::4]  # every outlet
    ddf = read_corpus_dask(part, batch_size=200, columns=("doc_id", "text", "outlet"))
    pd.testing.assert_frame_equal(frequencies_dask(ddf, by="outlet", top=40), frequencies(part, by="outlet", top=40))


@pytest.mark.parametrize("rate_per", [None, 1000])
def test_count_cells_give_back_the_same_frames(ant_parquet, rate_per):
    """What a Dask task of the `count` command sends back: the nonzero cells, read back equal to the frame."""
    frames = list(iter_counts(ant_parquet, ENTITIES, batch_size=700, rate_per=rate_per))
    assert len(frames) == 7 and frames[1].index[0] == 400  # one per row group, indexed by the file's rows
    for frame in frames:
        cells = counts_to_cells(frame)
        values = frame.drop(columns="doc_id").to_numpy()
        assert len(cells[5]) == (values != 0).sum() < values.size / 4  # only the nonzero cells travel
        assert cells[3].dtype == cells[4].dtype == "int32" and cells[5].dtype == values.dtype
        back = cells_to_counts(pickle.loads(pickle.dumps(cells)))
        pd.testing.assert_frame_equal(back, frame, check_exact=True)  # index (the rows of the file) included
    empty = frames[0].iloc[:0]
    pd.testing.assert_frame_equal(cells_to_counts(counts_to_cells(empty)), empty)


def test_count_cells_keep_every_bit_and_refuse_other_frames():
    odd = pd.DataFrame({"doc_id": ["a", "b", "c"], "x": [0.0, -0.0, float("nan")], "y": [1.5, 0.0, 0.0]},
                       index=[7, 8, 9])
    back = cells_to_counts(counts_to_cells(odd))
    assert back.index.tolist() == [7, 8, 9]
    assert np.signbit(back["x"].to_numpy()).tolist() == [False, True, False] and np.isnan(back.loc[9, "x"])
    assert back.equals(odd)
    with pytest.raises(ValueError, match="starts with its doc_id"):
        counts_to_cells(odd[["x", "doc_id"]])
    for wrong in (odd.assign(y=[1, 0, 0]), odd.assign(x=np.int32(1), y=np.int32(2))):  # mixed; int32
        with pytest.raises(ValueError, match="int64 or all float64"):
            counts_to_cells(wrong)


def test_dask_client_starts_and_closes_a_local_cluster():
    with dask_client(workers=1) as client:
        assert len(client.scheduler_info()["workers"]) == 1
        cluster = client.cluster
    assert cluster.status.name == "closed"


# --- the command line -------------------------------------------------------------------------------


def _run_cli(*args, cwd=KIT):
    env = {**os.environ, "ITAR_DATA": os.environ.get("ITAR_DATA", str(KIT.parent / "shared" / "corpora"))}
    return subprocess.run([sys.executable, "-m", "helpers", "count", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def test_cli_three_modes_write_the_same_parquet(cluster, ant_parquet, ant_counts, tmp_path):
    outs = {}
    for mode, extra in {"stream": [], "workers": ["--workers", 2, "--dask-min-mb", 0],
                        "scheduler": ["--scheduler", cluster.scheduler_address]}.items():
        out = tmp_path / f"{mode}.parquet"
        done = _run_cli("--corpus", ant_parquet, "--lexicon", ENTITIES, "--out", out, "--batch-size", 600,
                        *extra, *([] if mode == "stream" else ["--no-progress"]))
        assert done.returncode == 0, done.stderr
        assert f"wrote {len(ant_counts):,} documents" in done.stderr
        outs[mode] = pd.read_parquet(out)
    for mode, frame in outs.items():
        assert list(frame.columns) == ["doc_id", *ant_counts.columns], mode
        pd.testing.assert_frame_equal(frame, outs["stream"], obj=mode)
    pd.testing.assert_frame_equal(_by_id(outs["stream"]), ant_counts)


def test_cli_rates_on_workers_write_the_stream_s_file(ant, tmp_path):
    """Rates (float64) come back from the workers as cells too: the file is the stream's, bit for bit."""
    small = write_parquet_corpus(ant.iloc[:900], tmp_path / "small.parquet", 200)
    outs = {}
    for mode, extra in {"stream": [], "workers": ["--workers", 2, "--dask-min-mb", 0]}.items():
        outs[mode] = tmp_path / f"{mode}.parquet"
        done = _run_cli("--corpus", small, "--lexicon", ENTITIES, "--out", outs[mode], "--rates", "--no-progress",
                        *extra)
        assert done.returncode == 0, done.stderr
    assert "(2 local workers)" in done.stderr
    stream, workers = pd.read_parquet(outs["stream"]), pd.read_parquet(outs["workers"])
    assert (stream.drop(columns="doc_id").to_numpy() > 0).any()
    pd.testing.assert_frame_equal(workers, stream, check_exact=True)


def test_cli_progress_bar_on_stderr_and_no_progress_hides_it(tmp_path):
    shown = _run_cli("--corpus", "seed", "--lexicon", ENTITIES, "--out", tmp_path / "a.parquet")
    hidden = _run_cli("--corpus", "seed", "--lexicon", ENTITIES, "--out", tmp_path / "b.parquet", "--no-progress")
    assert shown.returncode == hidden.returncode == 0
    assert "count:" in shown.stderr and "doc" in shown.stderr and shown.stdout == ""
    assert "count:" not in hidden.stderr


def test_cli_rates_and_csv_output(ant, tmp_path):
    part = ant.iloc[:600]
    small = write_parquet_corpus(part, tmp_path / "small.parquet", 250)
    out = tmp_path / "rates.csv"
    done = _run_cli("--corpus", small, "--lexicon", ENTITIES, "--out", out, "--rates", "--no-progress")
    assert done.returncode == 0, done.stderr
    rates = pd.read_csv(out, dtype={"doc_id": str}).set_index("doc_id")
    expected = _pandas_counts(part, rate_per=1000)
    pd.testing.assert_frame_equal(rates, expected, check_exact=False, rtol=1e-12, check_index_type=False,
                                  check_column_type=False)


def test_cli_accepts_a_dataset_name(seed, tmp_path):
    assert main(["count", "--corpus", "seed", "--lexicon", str(ENTITIES), "--out", str(tmp_path / "s.parquet"),
                 "--no-progress"]) == 0
    pd.testing.assert_frame_equal(_by_id(pd.read_parquet(tmp_path / "s.parquet")), _pandas_counts(seed))


@pytest.mark.parametrize("change, message", [
    ({"--corpus": "no/such/corpus.parquet"}, "corpus no/such/corpus.parquet: no such file or folder"),
    ({"--lexicon": "no_such_lexicon.csv"}, "no_such_lexicon.csv: no such lexicon file"),
    ({"--out": "counts.xlsx"}, "use a .parquet or .csv file name"),
    ({"--workers": "2", "--scheduler": "tcp://127.0.0.1:1"}, "not both"),
])
def test_cli_errors_are_one_clear_line(change, message, tmp_path, capsys):
    args = {"--corpus": "seed", "--lexicon": str(ENTITIES), "--out": str(tmp_path / "c.parquet"), **change}
    assert main(["count", *[x for pair in args.items() for x in pair]]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err and "Traceback" not in err
    assert not (tmp_path / "c.parquet").exists()


def test_cli_missing_corpus_via_subprocess(tmp_path):
    done = _run_cli("--corpus", tmp_path / "missing", "--lexicon", ENTITIES, "--out", tmp_path / "c.parquet")
    assert done.returncode == 2
    assert "no such file or folder" in done.stderr and "Traceback" not in done.stderr


def test_cli_counts_a_small_input_in_one_process_and_says_so(seed, tmp_path):
    done = _run_cli("--corpus", "seed", "--lexicon", ENTITIES, "--out", tmp_path / "s.parquet", "--workers", 2,
                    "--no-progress")
    assert done.returncode == 0, done.stderr
    assert "note: seed is 0.0 MB, under 200 MB: counting in one process" in done.stderr
    assert "(streaming, one core)" in done.stderr and "local workers" not in done.stderr
    pd.testing.assert_frame_equal(_by_id(pd.read_parquet(tmp_path / "s.parquet")), _pandas_counts(seed))


def test_cli_dask_on_a_loaded_corpus_equals_the_stream(ant, ant_counts, tmp_path):
    """A source that is not Parquet: loaded by the command, scattered to the workers by bytes."""
    out = tmp_path / "ant.csv"
    done = _run_cli("--corpus", "antcorpus", "--lexicon", ENTITIES, "--out", out, "--workers", 2,
                    "--dask-min-mb", 0, "--no-progress")
    assert done.returncode == 0, done.stderr
    assert "(2 local workers)" in done.stderr and "note:" not in done.stderr
    counts = pd.read_csv(out, dtype={"doc_id": str}).set_index("doc_id")
    pd.testing.assert_frame_equal(counts, ant_counts, check_index_type=False, check_column_type=False)
