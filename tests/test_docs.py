"""The guides in docs/ stay true: the primer's code runs as written, and the figures the corpus
notes quote are what the kit measures on the mirror."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pandas as pd

KIT = Path(__file__).resolve().parents[1]
DOCS = KIT / "docs"


def _python_blocks(path: Path) -> list[str]:
    return re.findall(r"```python\n(.*?)```", path.read_text(encoding="utf-8"), re.S)


def test_the_primer_code_runs_as_written_from_a_students_folder(mirror, tmp_path):
    """Run every Python block of the primer, in order, from a folder outside the kit (as a
    student copy in work/student/ would): names, columns and lexicon paths must all exist."""
    blocks = _python_blocks(DOCS / "primer.md")
    assert len(blocks) >= 6
    script = tmp_path / "primer.py"
    script.write_text("\n\n".join(blocks), encoding="utf-8")
    run = subprocess.run([sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True,
                         timeout=600, env={"ITAR_DATA": str(Path(mirror).resolve()), "MPLBACKEND": "Agg",
                                           "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert run.returncode == 0, run.stderr[-3000:]
    assert (tmp_path / "my_table.csv").exists()


def test_the_guides_quote_the_kits_own_functions():
    import helpers

    for name in ("primer.md", "teaching.md"):
        text = (DOCS / name).read_text(encoding="utf-8")
        for called in sorted(set(re.findall(r"helpers\.([a-z_]+)\(", text))):
            assert hasattr(helpers, called), f"docs/{name} mentions helpers.{called}, which does not exist"


def test_the_douma_figures_in_the_corpus_notes(ant):
    notes = " ".join((DOCS / "corpus_notes.md").read_text(encoding="utf-8").split())  # one line
    import helpers

    d = helpers.deduplicate(ant)
    assert f"keeps {len(d):,} articles" in notes
    window = d[(d.date >= "2018-04-07") & (d.date < "2018-04-22")]
    assert f"the deduplicated subset has {len(window)} articles" in notes
    for outlet, n in window.outlet.value_counts().items():
        assert f"{outlet} {n}" in notes, (outlet, n)
    douma = int((window.title + " " + window.text).str.contains("دوما").sum())
    assert f"and {douma} of them contain" in notes and f"# {douma}" in notes
    weekly = d.groupby(d.date.dt.tz_localize(None).dt.to_period("W")).size()
    top = weekly.idxmax()
    assert (top.start_time.strftime("%-d"), top.end_time.strftime("%-d %B %Y")) == ("9", "15 April 2018")
    assert f"has {weekly.max()} articles after deduplication" in notes
    assert weekly.max() > 2 * weekly.drop(top).max()  # "more than twice any other week"


def test_the_ant_figures_in_the_corpus_notes(ant):
    notes = " ".join((DOCS / "corpus_notes.md").read_text(encoding="utf-8").split())  # one line
    repeats = ant.duplicate_of.notna().groupby(ant.outlet).sum()
    assert f"{repeats['France 24']} of its texts repeat an earlier one" in notes
    assert f"(CNN {repeats['CNN Arabic']}, Sky {repeats['Sky News Arabia']})" in notes
    early = ant[ant.date.dt.year < 2015]
    assert set(early.outlet) == {"Al Arabiya"} and len(early) == 13 and "Thirteen Al Arabiya" in notes
    assert ant.date.max().strftime("%-d %B") == "20 October" and "to 20 October 2018" in notes
    counts = ant.outlet.value_counts()
    for outlet, n in counts.items():
        assert f"{outlet} {n:,}" in notes, (outlet, n)
    assert isinstance(counts, pd.Series)


def test_lesson_4_lists_every_matching_rule_of_the_lexicon_docstring():
    """Lesson 4 lists the matcher's rules where it uses them; when a rule is added to
    helpers.lexicon, the lesson must list it too (same number, same title)."""
    import helpers.lexicon

    rules = re.findall(r"^\s*(\d+)\. (\*\*[^*]+\*\*)", helpers.lexicon.__doc__, re.M)
    assert len(rules) >= 4
    lesson = (KIT / "notebooks" / "src" / "04_entities.py").read_text(encoding="utf-8")
    listed = re.findall(r"^# (\d+)\. (\*\*[^*]+\*\*)", lesson, re.M)
    missing = [f"{n}. {title}" for n, title in rules if (n, title) not in listed]
    assert not missing, f"lesson 4 does not list: {missing}"
