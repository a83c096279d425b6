# %% [markdown]
# # 6. Charts for a paper: attention, heatmaps, word clouds, and reproducible figures
#
# **Goal.** By the end of this lesson you can draw attention over time and an outlet-by-frame
# heatmap with the kit's chart functions, make an honest word cloud from the kit's own word
# counts (and say what it cannot show), and export a figure for a paper so that anyone who
# re-runs your code gets the same file, byte for byte, with Arabic drawn correctly.
#
# Every chart here takes a table made by the analysis functions of lessons 4 and 5; the chart
# functions never count anything themselves. The paper's figures are made by small recipes in
# `helpers.figures`, and a lesson calls the same recipes.

# %%
import hashlib
import tempfile
from pathlib import Path

import pandas as pd

import helpers

pd.set_option("display.max_colwidth", 70)
pd.set_option("display.width", 120)
helpers.use_house_style()

# %% [markdown]
# `load_inputs()` reads the kit's figure configuration (`corpus/figures.toml`) and loads what
# the recipes need: ANT and the two lexicons. For outlet comparisons it drops empty and
# repeated texts, because France 24 republished many of its articles under several addresses,
# which would double-count those stories; it keeps the paper's date window; and it keeps the
# articles that name Syria at least three times (a topic filter: world news that mentions Syria
# once in passing would add other wars' "killed" and "terrorists"). Every step is logged, and
# `data.corpus` holds the rows that are left. We use the same rows here.

# %%
data = helpers.figures.load_inputs()
print(*data.steps, sep="\n")
ant = data.corpus
entities, frames = data.entities, data.frames

# %% [markdown]
# ## 1. Attention over time
#
# How much did each outlet write about Syria, week by week? The paper's figure counts
# articles per week (weeks ending on Monday) from February to October 2018 and draws one line
# per outlet with `helpers.timeline`.

# %%
fig = helpers.figures.fig_attention(data)
helpers.show_figure(fig)

# %% [markdown]
# The peak in mid-April 2018 is the alleged chemical attack on Douma (7 April) and the US,
# British and French strikes that followed (14 April); February and March are the offensive on
# Eastern Ghouta. Two cautions before reading more into it:
#
# * Sky News Arabia has the most articles in ANT, so its line is on top whatever it does. For
#   *shares* of attention, divide each line by the outlet's total.
# * Long runs of zeros (Al Arabiya after April, CNN Arabic in the summer) are most likely
#   gaps in the corpus collection, not weeks of silence. A timeline shows the corpus as much as
#   the news.
#
# `timeline` takes any table with dates as its index and one column per line. Here is
# attention to three places, counted as entity mentions (lesson 4) per week, all outlets
# together. The legend pairs each English gloss with the Arabic name.

# %%
places = ["ghouta", "afrin", "idlib"]
mentions = helpers.count_terms(ant, entities)[places]
mentions.index = ant["date"].dt.tz_localize(None)
weekly = mentions.sort_index().loc["2018-02-01":"2018-10-31"].resample("W-MON").sum()
first_pattern = entities.display_terms()  # one readable Arabic term per label
weekly.columns = [helpers.label_with_gloss(first_pattern[p], entities.glosses[p]) for p in places]
ax = helpers.timeline(weekly, ylabel="mentions per week", title="Three places in the news (ANT 2018, all outlets)")

# %% [markdown]
# Attention moves from Eastern Ghouta (February–April) and Afrin (the Turkish operation,
# January–March) to Idlib in late summer and September, when an offensive on the last rebel-held province
# was expected.
#
# ## 2. An outlet-by-frame heatmap
#
# A heatmap shows a whole table at once: rows are outlets, columns are frame labels, the colour
# and the number in each cell are rates per 1,000 words (`rates_by_group`, lesson 5). Here are
# two frame groups, the names of the government side and the names of ISIS:

# %%
rates = helpers.rates_by_group(ant, frames, ant["outlet"], n_boot=1000, seed=0)
shown = rates[rates["category"].isin(["government_side", "isis_naming"])]
heat = shown.pivot(index="group", columns="label", values="rate")
order = [x for x in frames.labels if x in heat.columns]  # the lexicon's order keeps groups together
# A typical wording for each label, with a short gloss (the lexicon's glosses are long)
short = {"army": ("الجيش السوري", "the Syrian army"), "regime_forces": ("قوات النظام", "regime forces"),
         "government_forces": ("القوات الحكومية", "government forces"),
         "isis_terrorist": ("داعش الإرهابي", "terrorist Daesh"), "islamic_state": ("تنظيم الدولة", "the State organisation"),
         "daesh": ("داعش", "Daesh"), "dawaesh": ("الدواعش", "Dawaesh")}
heat = heat[order]
heat.columns = [helpers.label_with_gloss(*short[x]) for x in order]
ax = helpers.heatmap(heat, title="Naming choices, per 1,000 words (ANT 2018)", cbar_label="per 1,000 words")

# %% [markdown]
# Read it **down a column** (one naming choice across outlets) or across the columns **of one
# group** (for example the three names of the government side). Do not compare colours of
# labels from different groups: "regime forces" and "Daesh" are not alternatives, and a
# frequent word will always look brighter than a rare one. The colour scale is cividis, which
# stays readable for colour-blind readers and in greyscale print.
#
# The paper shows naming choices another way: each label's **share** of all references to the
# referent, with bootstrap intervals, one panel per group. Its recipe is
# `helpers.figures.fig_frames`, and the groups it shows are set in the configuration:

# %%
frames_spec = next(spec for spec in data.config["figure"] if spec["kind"] == "frames")
fig = helpers.figures.fig_frames(data, frames_spec)
helpers.show_figure(fig)

# %% [markdown]
# A share answers "when this outlet names the government side, which word does it pick?"; it
# hides how often the outlet names it at all, which the rates show. The kit's configuration says
# `failing = "omit"`: a label whose precision in the kit's hand-checked sample is below 0.90, or
# that was not checked on this corpus, is left out of the figure (lesson 7 explains how precision
# is measured), and the caption names it. With `failing = "mark"` such labels stay, marked † or °:
# read those rows as rough. Shares are among the labels shown.
#
# ## 3. A word cloud, done carefully
#
# Word clouds are popular and easy to misread: size is frequency, position and colour mean
# nothing. The kit's `word_cloud` takes **frequencies that the kit has already counted**
# (`helpers.frequencies`: the same normalization and Arabic stop-word list as every other
# table) and only draws them. We do not call `WordCloud.generate()` on raw text, because its
# tokenizer and stop words are made for English: it would keep Arabic function words, count
# <span dir="rtl">الإرهاب</span> and <span dir="rtl">الارهاب</span> (two spellings of "terrorism")
# as two words, and build its own two-word phrases, so the cloud would disagree with our tables.

# %%
freq = helpers.frequencies(ant, top=80)
ax = helpers.word_cloud(freq.set_index("feature")["count"], seed=0,
                        title="Most frequent words, ANT Syria subset (stop words removed)")

# %% [markdown]
# The cloud is drawn with the Amiri font, a Naskh typeface with full Arabic coverage, and its
# layout is seeded, so it is the same picture every run. A reader without Arabic needs a key;
# here are the top 15 words with a transliteration and a gloss:

# %%
word_glosses = {
    "سوريا": "Syria", "السوري": "Syrian (m.)", "المتحدة": "United (States / Nations)",
    "السورية": "Syrian (f.)", "النظام": "the regime / the system", "وقال": "and (he) said",
    "الرئيس": "the president", "قوات": "forces (of)", "دمشق": "Damascus", "الغوطة": "Ghouta",
    "روسيا": "Russia", "الشرقية": "Eastern (f.)", "القوات": "the forces",
    "الولايات": "States (United States)", "المعارضة": "the opposition",
}
top = freq.head(15)
pd.DataFrame({"word": top["feature"], "transliteration": top["feature"].map(helpers.transliterate),
              "gloss": top["feature"].map(word_glosses), "count": top["count"],
              "articles": top["docfreq"]}).reset_index(drop=True)

# %% [markdown]
# What the cloud cannot show: <span dir="rtl">المتحدة</span> "United" is large because two
# different names, the United States and the United Nations, were cut into single words;
# "Eastern" belongs to "Eastern Ghouta". A cloud loses word order, context, and who is
# speaking. Use it as a first look or an illustration, never as evidence of framing.
#
# ## 4. Exporting a figure for a paper
#
# `helpers.figures.save_figure(fig, path)` writes a figure as SVG, PDF and PNG without the
# things that make files differ from run to run: no creation dates, a fixed seed for the
# SVG's internal ids, the same creator string. Let us check that claim: make the attention
# figure twice, from scratch, save each into its own temporary folder, and compare the bytes.

# %%
def sha256(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


with tempfile.TemporaryDirectory() as tmp:
    saved = {}
    for run in ("first", "second"):
        folder = Path(tmp) / run
        folder.mkdir()
        fig = helpers.figures.fig_attention(data)  # made from scratch each time
        saved[run] = helpers.figures.save_figure(fig, folder / "attention")
    for a, b in zip(saved["first"], saved["second"]):
        print(a.suffix, "identical bytes:", sha256(a) == sha256(b))
    pdf_bytes = saved["first"][1].read_bytes()

# %% [markdown]
# `save_figure` closes the figure after saving, so nothing is displayed here. The PDF embeds
# its fonts (TrueType, `pdf.fonttype: 42` in the house style), so it looks the same on a
# machine without DejaVu Sans:

# %%
print("PDF embeds DejaVu Sans:", b"DejaVuSans" in pdf_bytes)

# %% [markdown]
# For the whole paper, `make figures` (or `python -m helpers figures --config corpus/figures.toml
# --out figures`, or `helpers.make_figures("figures", config=...)` from Python) draws every
# figure of the configuration. Each `[[figure]]` table there names a `kind` of recipe and its
# settings; copy the file to make the same figures for your own corpus and lexicons. Besides the
# PDF, SVG and PNG of each figure, it writes a CSV with the numbers behind it, `CAPTIONS.md`, and
# `figures/MANIFEST.sha256`, one line `<sha256>  <file>` per output. After a re-run,
# `sha256sum -c MANIFEST.sha256` (inside `figures/`) tells you whether anything changed; a
# changed checksum means a changed figure, and `git diff` on the manifest shows which. These are
# the kit's figures:

# %%
recipes = helpers.figures.KINDS  # kind -> (table recipe, figure recipe)
pd.DataFrame([{"figure": spec["name"], "kind": spec["kind"],
               "what it draws": recipes[spec["kind"]][1].__doc__.splitlines()[0]}
              for spec in data.config["figure"]])

# %% [markdown]
# Identical bytes are promised for the same machine and the same package versions. A
# different version of matplotlib or of the font can change a few pixels; the manifest is how
# you notice.
#
# ## 5. Fonts, and looking at the output
#
# Arabic needs a font that has Arabic letters. The house style uses **DejaVu Sans**, which
# covers Arabic in its upright face. Its *italic* (oblique) face and **DejaVu Serif** do not,
# and neither do many fonts a journal template may ask for. Word clouds use **Amiri**. We can
# check coverage directly in each font's character table:

# %%
from fontTools.ttLib import TTFont
from matplotlib import font_manager
from matplotlib.font_manager import FontProperties

sample = "البوكمال قوات سوريا الديمقراطية"
fonts = {
    "DejaVu Sans": font_manager.findfont(FontProperties(family="DejaVu Sans")),
    "DejaVu Sans, italic": font_manager.findfont(FontProperties(family="DejaVu Sans", style="italic")),
    "DejaVu Serif": font_manager.findfont(FontProperties(family="DejaVu Serif")),
    "Amiri": helpers.charts.arabic_font_path(),
}
letters = {ch for ch in sample if not ch.isspace()}
coverage = {}
for name, path in fonts.items():
    characters = TTFont(path).getBestCmap()  # the font's table: character code -> glyph
    coverage[name] = all(ord(ch) in characters for ch in letters)
pd.Series(coverage, name="has every Arabic letter of the sample")

# %% [markdown]
# What a missing font looks like, as a picture: the same label in the three DejaVu faces.
# (Matplotlib warns about each missing letter; we silence the warnings for this one
# demonstration.) The first line is correct: letters joined, reading right to left. The other
# two show empty boxes.

# %%
import io
import warnings

import matplotlib.pyplot as plt
from IPython.display import Image

demo, axes = plt.subplots(3, 1, figsize=(6, 1.8))
for ax, (name, style, family) in zip(axes, [("DejaVu Sans", "normal", "DejaVu Sans"),
                                            ("DejaVu Sans, italic", "italic", "DejaVu Sans"),
                                            ("DejaVu Serif", "normal", "DejaVu Serif")]):
    ax.set_axis_off()
    ax.text(0, 0.5, f"{name}:", fontsize=11, va="center", family="DejaVu Sans")
    ax.text(0.45, 0.5, "Al-Bukamal · البوكمال", fontsize=13, va="center", family=family, style=style)
buffer = io.BytesIO()
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    demo.savefig(buffer, format="png", dpi=100)
plt.close(demo)
Image(buffer.getvalue())

# %% [markdown]
# Nothing in the numbers tells you that a label is drawn as boxes, reversed, or with its
# letters disconnected, so **look at every exported file as a picture**, the PDF included:
# open it in a viewer, or turn its page into an image with `pdftoppm -png -r 100 figure.pdf
# page` (from poppler) and open the PNG. For the notebook and the PNG, lesson 1's
# `helpers.check_arabic_rendering()` compares the pixels of rendered labels with a correctly
# shaped reference.
#
# ## Exercise: a heatmap for another frame group
#
# Make an outlet-by-label heatmap for the `allies` group ("the government's allies", "allies",
# "militias", "the resistance") or for `the_dead` ("martyrs", "killed", "died", "victims"). Start from
# the `rates` table of section 2, keep one group, pivot it to outlets × labels, give
# the columns English glosses with their Arabic (`helpers.label_with_gloss`), and draw it with
# `helpers.heatmap`. Then make a second version in which each cell is the label's *share* of
# the group in that outlet: which one tells you more about naming choices?
#
# Hint: `rates[rates["category"] == "allies"].pivot(index="group", columns="label", values="rate")`
# gives the table; for shares, divide each row by its sum (`table.div(table.sum(axis=1), axis=0)`)
# and pass `fmt="{:.0%}"` to `helpers.heatmap`.

# %%
# Your code here: start from rates[rates["category"] == "allies"]

# %% [solution]
group = rates[rates["category"] == "allies"]
table = group.pivot(index="group", columns="label", values="rate")
order = [x for x in frames.labels if x in table.columns]
table = table[order]
# A typical word for each label (patterns such as حلفا* are stems, not words) and a short gloss
typical = {"government_allies": "حلفاء النظام", "allies": "حلفاء", "militias": "ميليشيات",
           "resistance": "محور المقاومة"}
table.columns = [helpers.label_with_gloss(typical[x], frames.glosses[x].split(" (")[0].split(" / ")[0]) for x in order]
ax = helpers.heatmap(table, title="Naming the government's allies (ANT 2018, per 1,000 words)",
                     cbar_label="per 1,000 words")

# %% [solution]
shares = table.div(table.sum(axis=1), axis=0)
ax = helpers.heatmap(shares, fmt="{:.0%}", title="Share of each name within the group, by outlet",
                     cbar_label="share of the group's matches")

# %% [answer]
# The shares answer the framing question more directly ("when this outlet names the
# government's allies, which word does it pick?"), but they hide how often the group comes up
# at all, and a share built on a few dozen matches (Al Arabiya) is fragile. Show both, or the
# rates with their intervals from lesson 5. Remember too that the label `allies` (`حلفا*`) is
# generic alliance vocabulary ("Washington's allies"); `government_allies` counts only the
# wordings that name the Syrian government's allies, so read KWIC lines before calling it a frame.

# %% [markdown]
# ## What to read next
#
# * Robert M. Entman (1993), "Framing: toward clarification of a fractured paradigm",
#   *Journal of Communication* 43(4): 51–58.
# * Tim Sherratt, GLAM Workbench (https://glam-workbench.net/): a model of notebook-based
#   research that others can re-run, with its data sources and outputs documented.
# * quanteda documentation (https://quanteda.io/): `textplot_wordcloud()`,
#   `textstat_keyness()` and `kwic()`, for the same steps in R.
# * Dunning (1993), Rayson & Garside (2000) and Hardie (2014), for the keyness statistics behind
#   lesson 5's chart; Abdullah & Elareshi (2015) and Alraee (2018) (cited in
#   [`docs/corpus_notes.md`](../docs/corpus_notes.md)), for how Arab outlets' terrorism framing has
#   been studied; the same notes date the events behind the attention peaks.
# * The SCM hate-speech glossary of Syrian media, before choosing which names to chart as
#   "loaded".
