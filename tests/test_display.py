"""Tests for helpers.display: right-to-left text, tables, KWIC lines and isolated patterns."""
from __future__ import annotations

import re

import pandas as pd
import pytest

from helpers import display
from helpers.display import HTMLView, isolate, kwic_view, show, show_kwic, show_table, table_view, text_view


def visual(text: str) -> str:
    """The left-to-right visual order of a line in a left-to-right context (a DataFrame cell)."""
    from bidi import get_display

    return get_display(text, base_dir="L").replace("\u2066", "").replace("\u2067", "").replace("\u2069", "")


# --- isolate --------------------------------------------------------------------------------

def test_isolate_html_keeps_star_with_the_word():
    assert isolate("حرر*") == '<bdi dir="rtl">حرر*</bdi>'
    assert isolate("F-16*") == '<bdi dir="ltr">F-16*</bdi>'
    assert isolate("<ب>*") == '<bdi dir="rtl">&lt;ب&gt;*</bdi>'


def test_isolate_text_puts_star_at_the_left_end_of_an_arabic_word():
    # Without isolates, a left-to-right cell shows the star on the right, where the word starts.
    assert visual("حرر*") == "ررح*"
    # With isolates the star is on the left, where the Arabic word ends.
    assert visual(isolate("حرر*", form="text")) == "*ررح"
    assert visual("pattern " + isolate("سيطر*", form="text")) == "pattern *رطيس"
    # A Latin pattern keeps its star on the right.
    assert visual(isolate("F-16*", form="text")) == "F-16*"


def test_isolate_series_list_and_missing_values():
    s = pd.Series(["حرر*", None], index=[5, 7])
    out = isolate(s, form="text")
    assert out.index.tolist() == [5, 7]
    assert out[5] == "\u2067حرر*\u2069" and pd.isna(out[7])
    assert isolate(["a", "ب"]) == ['<bdi dir="ltr">a</bdi>', '<bdi dir="rtl">ب</bdi>']
    with pytest.raises(ValueError, match="form must be"):
        isolate("حرر*", form="markdown")


# --- show -----------------------------------------------------------------------------------

def test_text_view_paragraphs_directions_and_escaping():
    v = text_view("قال: «نعم».\n\nسطر أول\nسطر ثان\n\nEnglish <b>bold</b>", title="عنوان")
    paragraphs = re.findall(r"<p dir=\"(\w+)\"", v.html)
    assert paragraphs == ["rtl", "rtl", "ltr"]
    assert "سطر أول<br>\nسطر ثان" in v.html
    assert "&lt;b&gt;bold&lt;/b&gt;" in v.html and "<b>" not in v.html
    assert '<h4 dir="rtl"' in v.html
    assert "Noto Naskh Arabic" in v.html  # an Arabic font stack, not monospace
    assert v.text.startswith("عنوان\nقال: «نعم».")


def test_text_view_takes_a_list_of_paragraphs():
    v = text_view(["الأولى", None, "الثانية"])
    assert v.html.count("<p ") == 2
    assert str(v) == "الأولى\n\nالثانية"


def test_show_prints_plain_text_outside_jupyter(capsys):
    show("دخل الجيش.\n\nانسحب داعش.")
    assert capsys.readouterr().out == "دخل الجيش.\n\nانسحب داعش.\n"


def test_show_displays_html_in_ipython():
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.utils.capture import capture_output

    fresh = not InteractiveShell.initialized()
    InteractiveShell.instance()
    try:
        with capture_output() as captured:
            show("الجيش هنا.")
            show_table(pd.DataFrame({"w": ["داعش"]}))
            show_kwic(pd.DataFrame({"before": ["أ"], "match": ["ب"], "after": ["ج"]}))
    finally:
        if fresh:
            InteractiveShell.clear_instance()
    assert len(captured.outputs) == 3
    first = captured.outputs[0].data
    assert '<p dir="rtl" lang="ar"' in first["text/html"] and first["text/plain"] == "الجيش هنا."
    assert "<bdi>داعش</bdi>" in captured.outputs[1].data["text/html"]
    assert 'class="itar-kwic"' in captured.outputs[2].data["text/html"]


def test_html_view_is_plain_text_outside_jupyter():
    v = HTMLView("<p>x</p>", "x")
    assert repr(v) == str(v) == "x" and v._repr_html_() == "<p>x</p>"


# --- tables ---------------------------------------------------------------------------------

def codebook():
    return pd.DataFrame({"label": ["liberation", "control"], "pattern": ["تحرير*", "سيطر*"],
                         "n": [12, 3], "share": [0.125, float("nan")]})


def test_table_view_isolates_arabic_cells_only():
    v = table_view(codebook())
    assert '<td dir="rtl" style="text-align:right"><bdi>تحرير*</bdi></td>' in v.html
    assert '<td style="text-align:left">liberation</td>' in v.html  # a Latin column stays as it is
    assert '<td style="text-align:right">12</td>' in v.html  # numbers right-aligned
    assert '<td style="color:#999">–</td>' in v.html  # a missing value is shown as missing
    assert "\u2067تحرير*\u2069" in v.text  # the plain-text table keeps the star at the word's end


def test_table_view_rtl_columns_and_limits():
    v = table_view(codebook(), rtl_columns=["label"])
    assert '<td dir="ltr" style="text-align:left"><bdi>liberation</bdi></td>' in v.html
    assert "<bdi>تحرير*</bdi>" not in v.html
    with pytest.raises(KeyError, match="rtl_columns not in the table: \\['nope'\\]"):
        table_view(codebook(), rtl_columns=["nope"])
    big = pd.DataFrame({"w": ["كلمة"] * 120})
    v = table_view(big, max_rows=10)
    assert v.html.count("<tr>") == 11 and "first 10 of 120 rows" in v.html and "first 10 of 120 rows" in v.text
    assert table_view(codebook(), index=True).html.count("</th>") == 5


def test_views_are_well_formed_html():
    from html.parser import HTMLParser

    class Check(HTMLParser):
        def __init__(self):
            super().__init__()
            self.stack, self.styles = [], []

        def handle_starttag(self, tag, attrs):
            self.styles += [v for k, v in attrs if k == "style"]
            if tag not in ("br",):
                self.stack.append(tag)

        def handle_endtag(self, tag):
            assert self.stack.pop() == tag

    for v in (text_view("أ\n\nب", title="t"), table_view(codebook()), kwic_view(kwic_table())):
        check = Check()
        check.feed(v.html)
        assert check.stack == []
        assert any("Noto Naskh Arabic" in s for s in check.styles)  # the font stack survives the quoting


def test_table_view_escapes_cells():
    v = table_view(pd.DataFrame({"t": ["<script>alert(1)</script> داعش"]}))
    assert "<script>" not in v.html and "&lt;script&gt;" in v.html


# --- KWIC -----------------------------------------------------------------------------------

def kwic_table():
    return pd.DataFrame({"doc_id": ["d1", "d2"], "before": ["دخل الجيش", ""], "match": ["البوكمال", "داعش"],
                         "after": ["بعد معارك", "<هنا>"], "label": ["albukamal", "isis"],
                         "voice": [None, None], "field": ["text", "title"], "start": [10, 0], "end": [18, 4]})


def test_kwic_view_reads_right_to_left():
    v = kwic_view(kwic_table())
    assert '<table dir="rtl"' in v.html  # the first column is drawn on the right
    row = v.html.split("<tbody>")[1].split("</tr>")[0]
    cells = re.findall(r'<td class="kwic-(\w+)"[^>]*><bdi>([^<]*)</bdi>', row)
    assert cells == [("before", "دخل الجيش"), ("match", "البوكمال"), ("after", "بعد معارك")]
    for heading in display.KWIC_HEADINGS.values():  # headings in Arabic and English
        assert heading in v.html
    assert "before" in display.KWIC_HEADINGS["before"] and "قبل" in display.KWIC_HEADINGS["before"]


def test_kwic_view_extra_columns_escaping_and_plain_text():
    v = kwic_view(kwic_table())
    headings = re.findall(r'<th dir="ltr"[^>]*>([^<]*)</th>', v.html)
    assert headings == ["doc_id", "label", "field"]  # voice is empty here; offsets are not shown
    assert "&lt;هنا&gt;" in v.html
    assert v.text.splitlines()[0] == "\u2067دخل الجيش [البوكمال] بعد معارك\u2069  d1  albukamal  text"
    # in a left-to-right terminal the isolated line still reads right to left: before on the right
    seen = visual(v.text.splitlines()[0].split("  ")[0])
    assert seen.index("]") < seen.index("[") and seen.rindex(visual("دخل")) > seen.index("[")


def test_kwic_view_needs_kwic_columns():
    with pytest.raises(KeyError, match="before, match, after"):
        kwic_view(pd.DataFrame({"left": ["a"], "match": ["b"], "right": ["c"]}))
