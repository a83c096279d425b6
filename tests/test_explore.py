"""Tests for helpers.explore: the widgets respond to their controls, driven from Python."""
import re

import pandas as pd
import pytest

from helpers.explore import SORTS, kwic_browser, rates_explorer
from tests.conftest import KIT

ENTITIES = KIT / "corpus" / "lexicons" / "entities.csv"
FRAMES = KIT / "corpus" / "lexicons" / "frames.csv"


@pytest.fixture
def small():
    """Four made-up articles from two outlets."""
    return pd.DataFrame({
        "doc_id": ["a1", "a2", "b1", "b2"],
        "outlet": ["Alpha", "Alpha", "Beta", "Beta"],
        "title": ["داعش ينسحب", "", "الجيش السوري يتقدم", ""],
        "text": ["قال الجيش إن داعش انسحب من البوكمال", "هاجم داعش القرية",
                 "دخل الجيش البوكمال بعد معارك مع داعش", "لا شيء هنا"],
    })


def rows(view: str) -> list[list[str]]:
    """The (before, match, after) cells of each KWIC row in a view, as shown."""
    out = []
    for tr in view.split("<tbody>")[1].split("</tr>")[:-1]:
        out.append(re.findall(r'<td class="kwic-\w+"[^>]*><bdi>([^<]*)</bdi>', tr))
    return out


def test_kwic_browser_label_outlet_and_pattern(small):
    b = kwic_browser(small, ENTITIES, window=3)
    b.label.value = "isis"
    assert b.table["doc_id"].tolist() == ["a1", "a1", "a2", "b1"]
    assert b.table["field"].tolist() == ["title", "text", "text", "text"]
    assert b.table["outlet"].tolist() == ["Alpha", "Alpha", "Alpha", "Beta"]
    assert rows(b.output.value)[2] == ["هاجم", "داعش", "القرية"]
    before = b.output.value
    b.group.value = "Beta"  # the outlet filter
    assert b.table["doc_id"].tolist() == ["b1"]
    assert b.output.value != before and len(rows(b.output.value)) == 1
    assert b.summary.value.count("outlet: Beta") == 1
    b.label.value = "albukamal"
    assert b.table[["before", "match", "after"]].values.tolist() == [["دخل الجيش", "البوكمال", "بعد معارك مع"]]
    b.pattern.value = "معارك"  # a typed pattern replaces the label
    assert b.label.disabled and b.table["match"].tolist() == ["معارك"]
    b.pattern.value = ""
    assert not b.label.disabled and b.table["match"].tolist() == ["البوكمال"]


def test_kwic_browser_sort_buttons(small):
    b = kwic_browser(small, ENTITIES, window=3)
    b.label.value = "isis"
    corpus_order = b.output.value
    # by hand, the word just before each match: (none), إن (normalized ان), مع, هاجم
    b.sort.value = "word before"
    assert b.table["before"].tolist() == ["", "قال الجيش إن", "بعد معارك مع", "هاجم"]
    assert b.output.value != corpus_order
    # the word just after: (none), القرية, انسحب, ينسحب (ل before ن in the alphabet)
    b.sort.value = "word after"
    assert b.table["after"].tolist() == ["", "القرية", "انسحب من البوكمال", "ينسحب"]
    assert [r[2] for r in rows(b.output.value)] == b.table["after"].tolist()  # the view follows the table
    b.sort.value = "corpus order"
    assert b.output.value == corpus_order
    assert list(SORTS) == ["corpus order", "word before", "word after"]


def test_kwic_browser_reads_right_to_left_and_has_a_static_copy(small):
    b = kwic_browser(small, ENTITIES)
    assert '<table dir="rtl"' in b.output.value
    bundle = b._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle  # the live widget in JupyterLab
    assert 'class="itar-kwic"' in bundle["text/html"]  # and a table for viewers without a kernel
    assert "a static copy" in bundle["text/html"]


def test_kwic_browser_without_outlets():
    b = kwic_browser(pd.Series(["داعش هنا", "لا"]), ENTITIES, window=1)
    assert b.group.disabled
    b.label.value = "isis"
    assert b.table[["match", "after"]].values.tolist() == [["داعش", "هنا"]]
    # a frame without the outlet column: no filter, all lines
    b = kwic_browser(pd.DataFrame({"text": ["داعش"]}), ENTITIES)
    b.label.value = "isis"
    assert b.group.disabled and b.table["match"].tolist() == ["داعش"]


def test_rates_explorer_category_and_outlets():
    small = pd.DataFrame({
        "doc_id": ["a1", "a2", "b1", "b2"], "outlet": ["Alpha", "Alpha", "Beta", "Beta"], "title": [""] * 4,
        "text": ["قال الجيش السوري إن داعش انسحب من البوكمال", "هاجم داعش القرية",
                 "دخل الجيش البوكمال بعد معارك مع داعش وقوات النظام", "لا شيء هنا"]})
    r = rates_explorer(small, FRAMES, n_boot=50)
    cats = list(r.category.options)
    assert cats[-1] == "(all)" and len(cats) > 2
    first_view, first_chart = r.output.value, r.chart.value
    assert first_chart[:8] == b"\x89PNG\r\n\x1a\n"
    assert set(r.table["category"]) == {cats[0]}
    r.category.value = "government_side"
    assert set(r.table["category"]) == {"government_side"}
    assert r.output.value != first_view and r.chart.value != first_chart
    rate = r.table.set_index(["group", "label"])["rate"]
    # by hand: Alpha has one "army" (الجيش السوري) in 8 + 3 words; Beta one "regime forces"
    # (وقوات النظام) in 9 + 3 words
    assert rate["Alpha", "army"] == pytest.approx(1000 / 11)
    assert rate["Beta", "regime_forces"] == pytest.approx(1000 / 12)
    assert rate["Beta", "army"] == 0
    assert "90.91 [" in r.output.value
    r.groups.value = ("Beta",)
    assert set(r.table["group"]) == {"Beta"}
    assert "Alpha" not in r.output.value and "Beta" in r.output.value
    # the table shows rate [low, high] per outlet, from rates_by_group
    row = r.table.iloc[0]
    assert f"{row['rate']:.2f} [{row['low']:.2f}, {row['high']:.2f}]" in r.output.value
    r.groups.value = ()
    assert r.table.empty and r.chart.value == b""
    assert "text/html" in r._repr_mimebundle_()
