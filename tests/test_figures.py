"""Paper figures: journal sizes, captions and data files, identical bytes on every run, PDFs
that render with every glyph, and the same recipes for a user's own corpus and lexicon."""
import dataclasses
import hashlib
import random
import re
import shutil
import subprocess
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from helpers import charts, figures  # noqa: E402
from helpers.__main__ import main  # noqa: E402

KIT = Path(__file__).resolve().parents[1]
CONFIG = figures.load_config()
NAMES = [spec["name"] for spec in CONFIG["figure"]]


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory, mirror):
    a = tmp_path_factory.mktemp("figures-a")
    b = tmp_path_factory.mktemp("figures-b")
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=".*missing from font")  # a .notdef box in any format fails
        return figures.make_figures(a), a, figures.make_figures(b), b


@pytest.fixture(scope="module")
def data(mirror):
    return figures.load_inputs()


@pytest.fixture(scope="module")
def rendered(data):
    """Every kit figure, finished for print (as make_figures saves it)."""
    out = {}
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph is a warning from matplotlib: make it fail
        for spec in CONFIG["figure"]:
            table, fig = figures.render(data, spec)
            fig.canvas.draw()
            out[spec["name"]] = (spec, table, fig)
    return out


# --- the files ------------------------------------------------------------------------------------


def test_every_figure_has_three_formats_a_csv_and_a_caption(two_runs):
    written, out, _, _ = two_runs
    names = {p.relative_to(out).as_posix() for p in written}
    captions = (out / "CAPTIONS.md").read_text(encoding="utf-8")
    for k, name in enumerate(NAMES, start=1):
        assert {f"{name}.svg", f"{name}.pdf", f"{name}.png", f"{name}.csv"} <= names
        assert f"`{name}.csv`" in captions
        section = captions.split(f"## Figure {k}.")[1].split("## ")[0]
        for needle in ("- Data: corpus", "- Deduplication:", "- Counting unit: title + text", "**"):
            assert needle in section, (name, needle)
        assert len(pd.read_csv(out / f"{name}.csv")) > 0
    assert {"tables/corpus_summary.csv", "CAPTIONS.md", "MANIFEST.sha256"} <= names


def test_captions_name_the_lexicon_with_its_checksum(two_runs):
    _, out, _, _ = two_runs
    captions = (out / "CAPTIONS.md").read_text(encoding="utf-8")
    digest = hashlib.sha256((KIT / "corpus/lexicons/frames.csv").read_bytes()).hexdigest()
    assert f"`corpus/lexicons/frames.csv` (SHA-256 {digest})" in captions
    assert "antcorpus/antcorpus.multisource.data @ f117ce4" in captions  # corpus and commit
    assert "Douma (2018-04-07)" in captions


def test_two_runs_give_identical_bytes(two_runs):
    _, a, _, b = two_runs
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert files_a == files_b
    for rel in files_a:
        assert (a / rel).read_bytes() == (b / rel).read_bytes(), f"{rel} differs between runs"


def test_manifest_checksums_match_files(two_runs):
    _, out, _, _ = two_runs
    lines = (out / "MANIFEST.sha256").read_text().splitlines()
    assert len(lines) == len(NAMES) * 4 + 2  # pdf, svg, png, csv; CAPTIONS.md; corpus summary
    for line in lines:
        digest, rel = line.split("  ")
        assert hashlib.sha256((out / rel).read_bytes()).hexdigest() == digest


def test_metadata_has_a_title_and_no_dates_or_paths(two_runs):
    _, out, _, _ = two_runs
    for spec in CONFIG["figure"]:
        pdf = (out / f"{spec['name']}.pdf").read_bytes()
        svg = (out / f"{spec['name']}.svg").read_text(encoding="utf-8")
        assert b"/Title (" in pdf and b"CreationDate" not in pdf and b"ModDate" not in pdf
        assert f"<dc:title>{spec['title']}</dc:title>" in svg and "<dc:date>" not in svg
    for p in out.rglob("*"):
        if p.suffix in (".svg", ".pdf", ".csv", ".md"):
            data = p.read_bytes()
            assert str(out).encode() not in data and b"/work/" not in data, p.name


def test_committed_figures_are_the_current_set():
    manifest = (KIT / "figures" / "MANIFEST.sha256").read_text().splitlines()
    listed = {line.split("  ")[1] for line in manifest}
    expected = {f"{f}.{ext}" for f in NAMES for ext in ("svg", "pdf", "png", "csv")}
    expected |= {"tables/corpus_summary.csv", "CAPTIONS.md"}
    assert listed == expected
    for line in manifest:
        digest, rel = line.split("  ")
        assert hashlib.sha256((KIT / "figures" / rel).read_bytes()).hexdigest() == digest, rel


def test_readme_gallery_shows_every_figure():
    readme = (KIT / "README.md").read_text(encoding="utf-8")
    for name in NAMES:
        assert re.search(rf"figures/{name}\.png", readme), f"{name} missing from the README gallery"


# --- sizes and text -------------------------------------------------------------------------------


def test_journal_widths_and_text_at_least_7_points(rendered):
    for name, (spec, _, fig) in rendered.items():
        width, height = fig.get_size_inches()
        assert width == figures.WIDTHS[spec["width"]] and width in (3.5, 7.0), name
        assert 1.0 < height < 9.0, name
        texts = _drawn_texts(fig)
        sizes = [t.get_fontsize() for t in texts]
        assert min(sizes, default=7.0) >= 7.0, (name, min(sizes))
        if spec["kind"] != "wordcloud":
            assert texts, name


def test_pdf_pages_are_the_figure_size(two_runs):
    _, out, _, _ = two_runs
    for spec in CONFIG["figure"]:
        pdf = (out / f"{spec['name']}.pdf").read_bytes()
        box = re.search(rb"/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
        assert box and float(box.group(1)) == figures.WIDTHS[spec["width"]] * 72, spec["name"]


def _pdftoppm():
    exe = shutil.which("pdftoppm")
    if exe is None:  # not a skip: CI installs poppler-utils (.ci/run)
        pytest.fail("pdftoppm is missing: install poppler-utils (apt-get install poppler-utils)")
    return exe


def _grey(path):
    from PIL import Image

    with Image.open(path) as im:
        return np.asarray(im.convert("L"), dtype=float) / 255.0


def _drawn_texts(fig) -> list:
    """The figure's texts that are drawn: visible, not empty, and not tick labels outside the view."""
    from matplotlib.text import Text

    hidden = set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            lo, hi = sorted(axis.get_view_interval())
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                if not lo - 1e-9 <= tick.get_loc() <= hi + 1e-9:
                    hidden |= {id(tick.label1), id(tick.label2)}
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip() and id(t) not in hidden]


def _coarse(a: np.ndarray, k: int = 16) -> np.ndarray:
    h, w = a.shape[0] // k * k, a.shape[1] // k * k
    return a[:h, :w].reshape(h // k, k, w // k, k).mean(axis=(1, 3))


def _letters(word: str) -> str:
    # pdftotext writes a lam-alef ligature's letters in either order and may repeat a letter that
    # carries a shadda: compare the set of letters, not their order or number
    return "".join(sorted(set(figures.normalize(word))))


def test_each_pdf_renders_at_size_with_every_glyph(two_runs, tmp_path, rendered):
    # poppler reads each PDF on its own: the page renders at the journal width at 300 ppi and
    # looks like the PNG; every font is embedded; and every text of the figure (Latin and
    # Arabic) comes back from the PDF's glyphs, so no glyph is a .notdef box without a character.
    _, out, _, _ = two_runs
    exe = _pdftoppm()
    for name, (spec, _, fig) in rendered.items():
        pdf_path = out / f"{name}.pdf"
        subprocess.run([exe, "-r", "300", "-png", "-singlefile", str(pdf_path), str(tmp_path / name)],
                       check=True, capture_output=True)
        pdf = 1 - _grey(tmp_path / f"{name}.png")
        png = 1 - _grey(out / f"{name}.png")
        w = figures.WIDTHS[spec["width"]]
        assert abs(pdf.shape[1] - w * 300) <= 1 and abs(png.shape[1] - w * 300) <= 1, name
        assert abs(pdf.shape[0] - png.shape[0]) <= 1, name
        h = min(pdf.shape[0], png.shape[0])
        corr = float(np.corrcoef(_coarse(pdf[:h]).ravel(), _coarse(png[:h]).ravel())[0, 1])
        assert corr > 0.85, (name, corr)
        fonts = subprocess.run(["pdffonts", str(pdf_path)], capture_output=True, text=True, check=True).stdout
        for line in fonts.splitlines()[2:]:
            assert " yes yes yes " in line, (name, line)  # embedded, subset, with a ToUnicode map
        extracted = subprocess.run(["pdftotext", str(pdf_path), "-"], capture_output=True, text=True,
                                   check=True).stdout
        words = {_letters(t) for t in re.findall(r"\w+", figures.normalize(extracted))}
        shown = [t.get_text() for t in _drawn_texts(fig)]
        assert shown or spec["kind"] == "wordcloud", name
        for text in shown:
            for word in re.findall(r"\w+", figures.normalize(text)):
                assert _letters(word) in words, (name, text, word)


def test_arabic_labels_in_the_pdf_are_shaped(two_runs, tmp_path, rendered):
    # Crop one Arabic tick label out of poppler's rendering of fig2 and compare it with an
    # independently shaped (Pillow + raqm) rendering and with the reversed string.
    _, out, _, _ = two_runs
    spec, table, fig = rendered["fig2_isis_naming_by_outlet"]
    ax = fig.axes[0]
    label = next(t for t in ax.get_yticklabels() if t.get_text().startswith("تنظيم الدولة"))
    arabic = label.get_text().split("\n")[0]
    box = label.get_window_extent()
    subprocess.run([_pdftoppm(), "-r", "100", "-png", "-singlefile", str(out / "fig2_isis_naming_by_outlet.pdf"),
                    str(tmp_path / "fig2")], check=True, capture_output=True)
    img = 1 - _grey(tmp_path / "fig2.png")
    height = img.shape[0]
    # the first line of the two-line label is the Arabic term (upper half of the box)
    top, bottom = int(height - box.y1), int(height - (box.y0 + box.y1) / 2)
    crop = img[top:bottom, int(box.x0):int(box.x1) + 1]
    cols = np.where(crop.max(axis=0) > 0.2)[0]
    rows = np.where(crop.max(axis=1) > 0.2)[0]
    crop = crop[rows[0]:rows[-1] + 1]
    crop = crop[:, cols[0]:cols[-1] + 1]
    ref = charts.render_text(arabic, engine="pillow")
    rev = charts.render_text(arabic, engine="pillow", reverse=True)
    flat = charts.render_text(arabic, engine="pillow-basic")
    sim = charts._similarity(crop, ref)
    assert sim > 0.7, sim
    assert sim > charts._similarity(crop, rev) + 0.1
    assert sim > charts._similarity(crop, flat) + 0.05


# --- what each figure shows ------------------------------------------------------------------------


def test_attention_masks_weeks_without_data(rendered):
    _, t, _ = rendered["fig1_attention_over_time"]
    arabiya = t[t["outlet"] == "Al Arabiya"].set_index("week_start")
    france = t[t["outlet"] == "France 24"].set_index("week_start")
    # Al Arabiya's last article is on 2018-07-22 and France 24's on 2018-08-18: after that, no data, not zero
    assert arabiya.loc["2018-07-30":, "value"].isna().all()
    assert france.loc["2018-08-20":, "value"].isna().all()
    assert arabiya.loc["2018-03-05", "value"] >= 0
    # a partly covered week is scaled to seven days, never drawn as a drop
    part = t[(t["covered_days"] >= 4) & (t["covered_days"] < 7)]
    assert np.allclose(part["value"], (part["articles"] * 7 / part["covered_days"]).round(4))
    # the gap in the collection (no article from any outlet on 20-25 Aug 2018) is not covered
    assert (t.loc[t["week_start"] == "2018-08-20", "covered_days"] <= 1).all()


def test_attention_share_needs_a_topic_filter(data):
    spec = dict(CONFIG["figure"][0], measure="share")
    assert data.config["data"].get("filter"), "the kit's configuration filters ANT to Syria coverage"
    shares = figures.table_attention(data, spec)["value"].dropna()
    assert len(shares) and shares.between(0, 1).all() and (shares < 1).any()
    config = {**data.config, "data": {k: v for k, v in data.config["data"].items() if k != "filter"}}
    with pytest.raises(figures.FigureSkipped, match="topic filter"):
        figures.table_attention(dataclasses.replace(data, config=config), spec)


def test_attention_marks_events(rendered):
    _, _, fig = rendered["fig1_attention_over_time"]
    assert "Douma" in [t.get_text() for t in fig.axes[0].texts]


def test_isis_naming_is_relabelled_and_its_legend_spans_the_top(rendered):
    _, t, fig = rendered["fig2_isis_naming_by_outlet"]
    ax = fig.axes[0]
    labels = " ".join(x.get_text() for x in ax.get_yticklabels())
    assert "neutral" not in labels and "'Daesh' (Arabic acronym)" in labels
    assert ax.get_legend() is None and len(fig.legends) == 1  # one row over the figure, not beside the plot
    assert ax.get_xlim()[0] < 0  # dots at zero sit clear of the axis line
    axes_w = ax.get_position().width
    assert axes_w > 0.4  # the plot keeps most of the width


def test_frame_shares_are_grouped_from_the_lexicon(rendered, data):
    spec, t, fig = rendered["fig3_naming_shares"]
    assert list(dict.fromkeys(t["group"])) == spec["groups"]
    lex = data.lexicon("frames")
    for (group, outlet), part in t.groupby(["group", "outlet"]):
        left_out = set(spec["exclude"]) | set(figures._failing(data, lex))   # failing = "omit": below 0.90 or unchecked
        assert set(part["label"]) == {lab for lab in lex.labels if lex.categories[lab] == group} - left_out
        assert {"fighters", "opposition"} <= set(part["label"]) if group == "armed_groups" else True
        if part["group_total"].iloc[0] > 0:
            assert abs(part["share"].sum() - 1) < 1e-3, (group, outlet)
        assert (part["low"] <= part["share"] + 1e-9).all() and (part["share"] <= part["high"] + 1e-9).all()
    assert len(fig.axes) == len(spec["groups"])
    for ax in fig.axes:
        assert 0.0 in list(ax.get_xticks())
        assert any(re.search("[\u0600-\u06ff]", x.get_text()) for x in ax.get_yticklabels())  # Arabic with glosses


def test_frame_shares_follow_a_revised_lexicon(data, tmp_path):
    # Labels come from the lexicon's categories: a split label and a blocker row need no code change.
    lex = pd.read_csv(KIT / "corpus/lexicons/frames.csv", dtype=str)
    lex.loc[lex["pattern"] == "تنظيم الدولة", "label"] = "state_organisation"
    lex.loc[lex["label"] == "tahrir_in_names", "category"] = "blocker"
    path = tmp_path / "frames.csv"
    lex.to_csv(path, index=False)
    cfg = figures.load_config(lexicons=[str(path)])
    cfg["data"]["failing"] = "mark"          # a new label is in no validation table yet: keep it, marked °
    d = figures.load_inputs(cfg)
    spec = {"kind": "frames", "name": "f", "lexicon": "frames", "groups": ["isis_naming", "outcome"]}
    t = figures.table_frames(d, spec)
    assert "state_organisation" in set(t["label"]) and "tahrir_in_names" not in set(t["label"])


def test_keyness_terms_are_glossed_and_spellings_merged(rendered):
    _, t, fig = rendered["fig4_keyness_skynews"]
    assert (t["gloss_source"] == "glossary").all(), t.loc[t["gloss_source"] != "glossary", "feature"].tolist()
    assert not t["feature"].str.contains("اميرك").any()  # merged into امريك
    assert not t["feature"].isin(["cnn", "هاتفكم", "سكاي", "نيوز"]).any()  # boilerplate removed
    labels = [x.get_text() for x in fig.axes[0].get_yticklabels()]
    assert all(" · " in x for x in labels)


def test_network_shows_actors_only_with_labels_apart_and_a_key(rendered, data):
    _, t, fig = rendered["fig5_actor_network"]
    lex = data.lexicon("entities")
    assert {lex.categories[x] for x in pd.concat([t["label_a"], t["label_b"]])} == {"actor"}
    ax = fig.axes[0]
    boxes = [x.get_window_extent() for x in ax.texts]
    assert len(boxes) == len(set(t["label_a"]) | set(t["label_b"]))
    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            assert not boxes[i].overlaps(boxes[j]), (ax.texts[i].get_text(), ax.texts[j].get_text())
    key = [x.get_text() for x in ax.get_legend().get_texts()]
    assert any("sentences together" in k for k in key) and any("weighted degree" in k for k in key)


def test_seed_figure_shows_the_words_the_article_uses(rendered):
    _, t, fig = rendered["fig6_seed_entities"]
    assert "واشنطن" in t.set_index("label").loc["usa", "surface_forms"]
    assert t.set_index("label").loc["albukamal", "mentions"] == 13
    labels = " ".join(x.get_text() for x in fig.axes[0].get_yticklabels())
    assert "واشنطن" in labels


def test_word_cloud_words_in_their_usual_spelling_without_said_verbs(rendered, two_runs):
    _, t, fig = rendered["fig7_wordcloud"]
    assert not t["feature"].isin([figures.normalize(w) for w in figures.SAID_VERBS]).any()
    assert "الأسد" in set(t["surface"]) and "الاسد" not in set(t["surface"])
    img = np.asarray(fig.axes[0].images[0].get_array())[..., :3].reshape(-1, 3)
    colours, counts = np.unique(img, axis=0, return_counts=True)
    solid = colours[(counts > 2000) & (colours.min(axis=1) < 250)]  # the words' fill colours, not anti-aliasing

    def luminance(rgb):
        c = rgb / 255.0
        c = np.where(c <= 0.03928, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]

    assert len(solid) >= 3
    for rgb in solid:  # WCAG contrast with the white background: at least 3:1 (no pale yellow)
        assert 1.05 / (luminance(rgb) + 0.05) >= 3.0, rgb
    _, out, _, _ = two_runs
    listing = subprocess.run(["pdfimages", "-list", str(out / "fig7_wordcloud.pdf")], capture_output=True,
                             text=True, check=True).stdout
    ppi = [int(line.split()[12]) for line in listing.splitlines()[2:]]
    assert ppi and min(ppi) >= 300


def _precision_csv(tmp_path):
    """A validation table in which daesh passes, islamic_state fails and no other label is checked."""
    table = pd.DataFrame({"corpus": "antcorpus", "lexicon": "frames", "label": ["daesh", "islamic_state"],
                          "n": 50, "correct": [49, 30], "precision": [0.98, 0.6], "low": 0, "high": 1,
                          "passes": [True, False]})
    path = tmp_path / "precision.csv"
    table.to_csv(path, index=False)
    return path


def test_validation_marks_follow_the_precision_table(data, tmp_path):
    path = _precision_csv(tmp_path)
    cfg = figures.load_config()
    cfg["data"]["validation"] = path
    d = figures.load_inputs(cfg)
    marks, note = figures._validation(d, d.lexicon("frames"))
    assert marks["daesh"] == "" and marks["islamic_state"] == "†" and marks["dawaesh"] == "°"
    assert "below 0.90" in note



def test_failing_labels_are_left_out_when_the_configuration_says_omit(data, tmp_path):
    path = _precision_csv(tmp_path)
    spec = {"name": "naming", "kind": "naming", "lexicon": "frames", "category": "isis_naming"}
    cfg = figures.load_config()
    cfg["data"]["validation"] = path
    cfg["data"].pop("failing", None)                                              # "mark", the default
    marked = figures.load_inputs(cfg)
    assert "islamic_state" in set(figures.table_naming(marked, spec)["label"])
    assert figures.load_config()["data"]["failing"] == "omit"                     # the kit's own figures
    cfg["data"]["failing"] = "omit"
    d = figures.load_inputs(cfg)
    labels = set(figures.table_naming(d, spec)["label"])
    assert "islamic_state" not in labels and "daesh" in labels
    assert "dawaesh" not in labels and "isis_terrorist" not in labels      # not in the table: not validated
    assert "islamic_state" not in set(figures.table_frames(d, {**spec, "groups": ["isis_naming"]})["label"])
    _, note = figures._validation(d, d.lexicon("frames"))
    assert "Left out because their precision is below 0.90 (`failing = \"omit\"`): islamic_state." in note
    unchecked = note.split("not in the validation table: ")[1]
    assert "isis_terrorist" in unchecked and "dawaesh" in unchecked and "daesh," not in unchecked
    assert "not_syria_war" not in note                                           # blockers are never shown
    cfg["data"]["failing"] = "hide"
    with pytest.raises(ValueError, match="failing must be"):
        figures._failing(figures.load_inputs(cfg), d.lexicon("frames"))


# --- a user's own corpus ------------------------------------------------------------------------


def _own_corpus(path: Path) -> Path:
    rng = random.Random(0)
    words = ["داعش", "تنظيم الدولة", "الجيش السوري", "قوات النظام", "المعارضة", "المسلحين", "سيطرت", "تحرير",
             "واشنطن", "روسيا", "قوات سوريا الديمقراطية", "حزب الله", "في", "مدينة", "البوكمال", "وقال", "الأسد",
             "الاسد", "الأميركية", "الامريكية", "أعلن", "اليوم", "مقتل", "المدنيين", "الهجوم", "على", "ريف", "حلب"]
    rows = []
    for k in range(60):
        outlet = ["Outlet A", "Outlet B", "Outlet C"][k % 3]
        day = pd.Timestamp("2018-03-05") + pd.Timedelta(days=(k * 5) % 49)
        text = " ".join(rng.choice(words) for _ in range(80)) + ". " + " ".join(rng.choice(words) for _ in range(40))
        rows.append({"doc_id": f"d{k:03d}", "outlet": outlet, "date": day.strftime("%Y-%m-%d"),
                     "title": " ".join(rng.choice(words) for _ in range(6)), "text": text})
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def test_own_corpus_with_the_kit_configuration_skips_what_it_cannot_draw(tmp_path, capsys):
    csv = _own_corpus(tmp_path / "mine.csv")
    out = tmp_path / "out"
    assert main(["figures", "--corpus", str(csv), "--lexicon", str(KIT / "corpus/lexicons/frames.csv"),
                 "--lexicon", str(KIT / "corpus/lexicons/entities.csv"), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "skipped fig6_seed_entities" in err and "--corpus replaced" in err
    assert "skipped fig4_keyness_skynews" in err and "Sky News Arabia" in err
    assert (out / "fig2_isis_naming_by_outlet.pdf").is_file() and not (out / "fig6_seed_entities.pdf").exists()
    captions = (out / "CAPTIONS.md").read_text(encoding="utf-8")
    assert "## Skipped" in captions and "corpus `mine`" in captions and "file mine.csv, SHA-256" in captions


def test_own_corpus_with_its_own_configuration(tmp_path):
    csv = _own_corpus(tmp_path / "mine.csv")
    config = tmp_path / "mine.toml"
    config.write_text(f'''
title = "My corpus"
[data]
corpus = "mine.csv"
lexicons = ["{(KIT / 'corpus/lexicons/frames.csv').as_posix()}", "{(KIT / 'corpus/lexicons/entities.csv').as_posix()}"]
start = "2018-03-05"
end = "2018-05-01"
[[events]]
date = "2018-03-20"
label = "an event"
[[figure]]
kind = "attention"
name = "a"
title = "Attention"
width = "single"
[[figure]]
kind = "frames"
name = "b"
title = "Shares"
lexicon = "frames"
groups = ["isis_naming", "government_side"]
[[figure]]
kind = "keyness"
name = "c"
title = "Keyness"
target = "Outlet A"
min_count = 5
[[figure]]
kind = "network"
name = "d"
title = "Network"
lexicon = "entities"
categories = ["actor", "place"]
[[figure]]
kind = "wordcloud"
name = "e"
title = "Words"
width = "single"
''', encoding="utf-8")
    runs = []
    for k in range(2):
        out = tmp_path / f"out{k}"
        main(["figures", "--config", str(config), "--out", str(out)])
        runs.append(out)
    for name in "abcde":
        for ext in ("pdf", "svg", "png", "csv"):
            assert (runs[0] / f"{name}.{ext}").read_bytes() == (runs[1] / f"{name}.{ext}").read_bytes(), (name, ext)
    box = re.search(rb"/MediaBox \[\s*0 0 ([\d.]+) ", (runs[0] / "a.pdf").read_bytes())
    assert float(box.group(1)) == 252  # 3.5 in
    shares = pd.read_csv(runs[0] / "b.csv")
    assert set(shares["outlet"]) == {"Outlet A", "Outlet B", "Outlet C"}
    words = pd.read_csv(runs[0] / "e.csv")
    assert "وقال" not in set(words["surface"]) and "الأسد" in set(words["surface"])


def test_normalized_attention_with_a_topic_filter(tmp_path):
    csv = _own_corpus(tmp_path / "mine.csv")
    topic = tmp_path / "topic.csv"
    topic.write_text("label,category,gloss,pattern\nisis,topic,ISIS,داعش\n", encoding="utf-8")
    config = tmp_path / "share.toml"
    config.write_text(f"""
[data]
corpus = "mine.csv"
lexicons = ["{(KIT / 'corpus/lexicons/frames.csv').as_posix()}"]
[data.filter]
lexicon = "topic.csv"
min_hits = 3
[[figure]]
kind = "attention"
name = "share"
measure = "share"
""", encoding="utf-8")
    data = figures.load_inputs(config)
    assert 0 < len(data.corpus) < len(data.unfiltered)
    t = figures.table_attention(data, data.config["figure"][0])
    covered = t[t["covered_days"] >= 4]
    assert covered["value"].between(0, 1).all()
    assert np.allclose(covered["value"], (covered["articles"] / covered["all_articles"]).round(4))
    assert "topic filter (topic.csv, at least 3 match(es))" in " ".join(data.steps)


def test_corpus_summary_counts_rows_before_deduplication(two_runs):
    _, out, _, _ = two_runs
    summary = pd.read_csv(out / "tables" / "corpus_summary.csv")
    assert summary["articles"].sum() == 2765 and summary["repeated_text"].sum() > 0


def test_a_window_that_leaves_no_articles_is_a_clear_error(tmp_path):
    csv = _own_corpus(tmp_path / "mine.csv")
    config = tmp_path / "late.toml"
    frames_csv = (KIT / "corpus/lexicons/frames.csv").as_posix()
    config.write_text(f'[data]\ncorpus = "mine.csv"\nlexicons = ["{frames_csv}"]\nstart = "2025-01-01"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="late.toml: no articles of corpus 'mine' are left after.*date window"):
        figures.make_figures(tmp_path / "out", config=config)
    assert not (tmp_path / "out").exists()


def test_bad_configuration_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[data]\ncorpus = "seed"\nlexicons = ["x.csv"]\n[[figure]]\nkind = "pie"\nname = "p"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="bad.toml.*unknown kind 'pie'"):
        figures.load_config(bad)
    bad.write_text('[data\n', encoding="utf-8")
    with pytest.raises(ValueError, match="bad.toml: not valid TOML"):
        figures.load_config(bad)
