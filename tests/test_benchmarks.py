"""The peer benchmark (benchmarks/bench_peers.py) and the README block it writes.

No timing is asserted: the table builder runs on a tiny in-memory corpus, and the README's
performance block is checked for its form (markers, machine line, a row for every task).
"""
import importlib.util
import re
import sys
from pathlib import Path

import pandas as pd
import pytest

KIT = Path(__file__).resolve().parents[1]
README = KIT / "README.md"


def _load():
    spec = importlib.util.spec_from_file_location("bench_peers", KIT / "benchmarks" / "bench_peers.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_peers", module)
    spec.loader.exec_module(module)
    return module


bp = _load()

TINY = [
    "هزيمة لداعش بالبوكمال، والجيش السوري في دير الزور",
    "قال المتحدث: \"انسحب التنظيم من الرقة\" وتحرير المدينة اكتمل",
    "الإرهابيين في حلب\nوقوات سوريا الديمقراطية شرق الفرات",
    "",
    "Latin words, 2017 و١٢ مُسلّحاً ـــ",
]
NO_PEERS = {"pyarabic": None, "camel": None, "ahocorasick": None}


def _block() -> str:
    text = README.read_text(encoding="utf-8")
    assert text.count(bp.BEGIN) == 1 and text.count(bp.END) == 1, "one performance block in the README"
    return text.split(bp.BEGIN, 1)[1].split(bp.END, 1)[0]


def test_readme_block_is_a_generated_table_with_every_task():
    block = _block()
    assert re.search(r"on \d{4}-\d{2}-\d{2}: .+, \d+ cores, Python 3\.\d+", block), "date, machine and Python"
    lines = [line for line in block.strip().splitlines() if line.startswith("|")]
    assert lines[0] == "| task | tool | MB/s (CPU) | × itar | output |"
    assert lines[1] == "|---|---|---:|---:|---|"
    rows = [[cell.strip() for cell in line.strip("|").split(" | ")] for line in lines[2:]]
    assert all(len(row) == 5 for row in rows), "five cells per row"
    assert {row[0] for row in rows} == set(bp.TASKS)
    for row in rows:
        assert row[2] == "—" or re.fullmatch(r"[\d,]+\.\d", row[2]), row
        assert row[3] == "—" or re.fullmatch(r"\d+\.\d\d×", row[3]), row
    # every peer row says how its output compares with the kit's, or that it is missing
    peers = [row for row in rows if not row[1].startswith("itar")]
    assert peers and all(("same " in row[4]) or ("not installed" in row[4]) for row in peers)


def test_render_readme_replaces_only_the_block():
    text = README.read_text(encoding="utf-8")
    again = bp.render_readme(text, _block().strip("\n"))
    assert again == text
    new = bp.render_readme(text, "NEW")
    assert f"{bp.BEGIN}\nNEW\n{bp.END}" in new
    assert new.replace(f"{bp.BEGIN}\nNEW\n{bp.END}", "") == text.replace(f"{bp.BEGIN}{_block()}{bp.END}", "")
    with pytest.raises(ValueError, match="exactly one block"):
        bp.render_readme("no markers here", "x")


@pytest.mark.parametrize("peers", [None, NO_PEERS], ids=["installed peers", "no peers"])
def test_build_table_has_rows_for_every_task(peers):
    rows = bp.build_table(TINY, repeat=1, peers=peers, sizes=(10,), shared=20)
    assert {row.task for row in rows} == set(bp.TASKS)
    kit_rows = [row for row in rows if row.tool.startswith("itar")]
    assert kit_rows and all(row.mbps > 0 for row in kit_rows)
    for row in rows:
        if row.mbps is None:
            assert row.note.startswith("not installed") and row.ratio is None
        else:
            assert row.ratio > 0
    if peers is NO_PEERS:
        missing = [row.tool for row in rows if row.mbps is None]
        assert any("PyArabic" in t for t in missing) and any("CAMeL" in t for t in missing)
        assert any("pyahocorasick" in t for t in missing)
    markdown = bp.format_markdown(rows).splitlines()
    assert len(markdown) == len(rows) + 2
    assert len(bp.format_text(rows).splitlines()) == len(rows) + 1


def test_regex_chain_gives_normalize_output():
    chain = bp.regex_chain()
    samples = [*TINY, "ﻻ ﺍﻟﺠﻴﺶ", "إلی کان\r\nدير\u00a0  الزور\u200f", "لماذا؟ ٪٥"]
    assert [chain(t) for t in samples] == [bp.normalize(t) for t in samples]


def test_first_word_forms_follow_the_clitic_rule():
    forms = bp.first_word_forms("الفرات", 2)
    assert {"الفرات", "للفرات", "والفرات", "بالفرات"} <= set(forms)
    assert "الفرات" in bp.first_word_forms("الفرات", 0) and len(bp.first_word_forms("الفرات", 0)) == 1
    assert "لو" not in bp.first_word_forms("و", 2), "a two-letter word keeps its first letter"
    assert "الحماة" not in bp.first_word_forms("حماة", 1)
    assert bp.first_word_forms("الجيش", 2)["للجيش"] == 1, "لل is ل + ال: one letter taken off"
    assert bp.first_word_forms("جيش", 2)["للجيش"] == 3


def test_aho_corasick_peer_counts_like_the_kit_on_plain_text():
    ahocorasick = pytest.importorskip("ahocorasick")
    entries = pd.DataFrame({"label": ["isis", "place", "sdf", "syria", "terror"],
                            "category": ["actor", "place", "actor", "place", "frame"],
                            "gloss": ["", "", "", "", ""],
                            "pattern": ["داعش", "البوكمال", "قوات سوريا الديمقراطية", "سوريا", "إرهاب*"]})
    texts = ["هزيمة لداعش بالبوكمال وقوات سوريا الديمقراطية في سوريا", "الإرهابيين والإرهاب داعشي"]
    kit = bp.count_terms(texts, bp.Lexicon.from_frame(entries))
    automaton = bp.build_automaton(ahocorasick, entries)
    peer = bp.aho_count(automaton, [bp.peer_text(t) for t in texts], list(range(5)), 5)
    assert peer.tolist() == kit.to_numpy().tolist() == [[1, 1, 1, 1, 0], [0, 0, 0, 0, 2]]


def test_benchmark_wording():
    for path in sorted((KIT / "benchmarks").glob("*.py")):
        text = " ".join(path.read_text(encoding="utf-8").split())
        assert 'drop_duplicates("pattern")' not in text and "drop_duplicates('pattern')" not in text, path.name
        rest = text.replace("not a ceiling", "").replace("parallel_ceiling", "")
        assert "ceiling" not in rest.lower(), f"{path.name} calls something a ceiling"
