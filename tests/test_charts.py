"""Charts: the house conventions, and Arabic drawn correctly (checked as pixels)."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import helpers  # noqa: E402
from helpers import charts  # noqa: E402

SAMPLES = ["البوكمال", "قوات سوريا الديمقراطية", "لا إله", "F-16 في سوريا 2017", "ISIS · داعش"]


def test_this_machine_shapes_arabic():
    status = charts.shaping_status()
    assert status["matplotlib_shapes"] == "yes"
    assert status["raqm"].startswith("yes")


def test_matplotlib_arabic_matches_an_independent_shaped_reference():
    table = charts.check_arabic_rendering(SAMPLES)
    assert table["ok"].all(), table.to_string()
    assert (table["similarity"] > 0.9).all()


def test_the_old_reshaper_recipe_is_caught_as_reversed():
    # get_display(reshape(s)) was needed before matplotlib 3.11; now it draws Arabic reversed.
    import arabic_reshaper
    from bidi import get_display

    s = "قوات سوريا الديمقراطية"
    old = charts.render_text(get_display(arabic_reshaper.reshape(s)), engine="matplotlib")
    ref = charts.render_text(s, engine="pillow")
    good = charts.render_text(s, engine="matplotlib")
    assert charts._similarity(good, ref) > charts._similarity(old, ref) + 0.2


def test_unshaped_rendering_is_caught():
    s = "البوكمال"
    flat = charts.render_text(s, engine="pillow-basic")
    ref = charts.render_text(s, engine="pillow")
    assert charts._similarity(flat, ref) < 0.7


def test_word_cloud_shapes_arabic():
    # One word drawn by the word cloud must look like Pillow's shaped rendering in Amiri.
    from PIL import Image, ImageDraw, ImageFont

    fig, ax = plt.subplots()
    charts.word_cloud({"البوكمال": 10}, ax=ax, width=600, height=300)
    img = ax.images[0].get_array()
    ink = 1 - np.asarray(img, dtype=float)[..., :3].mean(axis=2) / 255
    plt.close(fig)

    def crop(a):
        r = np.where(a.max(axis=1) > 0.2)[0]
        c = np.where(a.max(axis=0) > 0.2)[0]
        return a[r[0]:r[-1] + 1, c[0]:c[-1] + 1]

    def draw(text, layout):
        font = ImageFont.truetype(charts.arabic_font_path(), 120, layout_engine=layout)
        canvas = Image.new("L", (900, 300), 255)
        ImageDraw.Draw(canvas).text((20, 20), text, font=font, fill=0)
        return crop(1 - np.asarray(canvas, dtype=float) / 255)

    cloud = crop(ink)
    shaped = draw("البوكمال", ImageFont.Layout.RAQM)
    reversed_ = draw("البوكمال"[::-1], ImageFont.Layout.RAQM)
    assert charts._similarity(cloud, shaped) > 0.8
    assert charts._similarity(cloud, shaped) > charts._similarity(cloud, reversed_) + 0.2


@pytest.mark.parametrize("func, data", [
    (charts.bar_chart, pd.Series({"ISIS · داعش": 3, "SDF · قسد": 1})),
    (charts.heatmap, pd.DataFrame([[1.0, 2.0], [0.5, np.nan]], index=["BBC", "Sky"], columns=["army", "regime"])),
    (charts.timeline, pd.DataFrame({"BBC": [1, 2]}, index=pd.to_datetime(["2018-02-05", "2018-02-12"]))),
    (charts.keyness_chart, pd.DataFrame({"feature": ["a", "b", "c"], "g2": [5.0, 0.1, -4.0]})),
])
def test_chart_functions_draw_on_the_given_axes_and_return_it(func, data):
    fig, ax = plt.subplots()
    assert func(data, ax=ax) is ax
    assert func(data).figure is not fig  # ax=None makes a new figure
    plt.close("all")


def test_rates_chart_and_network_chart(seed):
    lex = helpers.Lexicon.from_csv("corpus/lexicons/entities.csv")
    rates = helpers.rates_by_group(seed, lex, ["seed"], n_boot=20)
    ax = charts.rates_chart(rates[rates["count"] > 0])
    assert len(ax.get_yticklabels()) == int((rates["count"] > 0).sum())
    graph = helpers.cooccurrence_graph(helpers.cooccurrence(seed, lex), lex)
    fig, ax2 = plt.subplots()
    assert charts.network_chart(graph, ax=ax2) is ax2
    plt.close("all")


def test_highlight_is_rtl_html_with_glosses(seed_text):
    html = str(charts.highlight(seed_text[:400], "corpus/lexicons/entities.csv"))
    assert 'dir="rtl"' in html
    assert html.count("<mark") == len(helpers.find_terms(seed_text[:400], "corpus/lexicons/entities.csv"))
    assert 'title="Al-Bukamal' in html
    assert "<script" not in charts.highlight("<script>x</script> داعش", "corpus/lexicons/entities.csv")


def test_label_with_gloss():
    assert charts.label_with_gloss("داعش", "ISIS") == "ISIS · داعش"
    assert charts.label_with_gloss("داعش", "") == "داعش"


def test_style_context_keeps_interactive_mode_that_a_backend_switched_on():
    # Jupyter's inline backend switches interactive mode on when the first figure loads it;
    # restoring rcParams must not switch it off again, or later figures are never shown.
    was = matplotlib.is_interactive()
    try:
        matplotlib.interactive(False)
        with charts._styled():
            matplotlib.interactive(True)
        assert matplotlib.is_interactive()
    finally:
        matplotlib.interactive(was)
