# %% [markdown]
# # 1. A tour of Itar, and a check that Arabic renders on this machine
#
# **Goal.** By the end of this lesson you know what the kit is for, how data move through it
# (corpus → normalize → lexicon matches → tables → charts), which corpora it can read and under
# what licences, and you have checked, with your own eyes and with a test, that this machine draws
# Arabic correctly in charts. Allow 30–40 minutes.
#
# Itar (<span dir="rtl">إطار</span>, *iṭār*, "frame") is a kit for studying how Arabic news media
# *frame* events: which words an outlet picks to name the same actors, places and outcomes. One
# article may write of a town's "liberation" (<span dir="rtl">تحرير</span>, *taḥrīr*), another of the
# army "taking control" of it (<span dir="rtl">سيطرة</span>, *sayṭara*). Counting such choices across
# thousands of articles is the kit's job.

# %% [markdown]
# ## Three ways the kit is used
#
# 1. **Lessons.** These notebooks: each one is a 30–45 minute lesson that you run top to bottom.
#    They are committed with their outputs, and the test suite re-runs them, so what you read is
#    what the code produces today.
# 2. **Classes.** A teacher can point the same functions at a corpus of their own (a CSV, a folder of
#    text files, saved web pages) and run an exercise in class; lesson 2 shows how.
# 3. **Paper figures.** `make figures` regenerates every figure and table of the accompanying paper
#    into `figures/`, byte for byte, with a checksum manifest. A figure in a lesson and in the paper
#    come from the same function.
#
# Everything is reached through one package, `helpers`. We import it once and set a few display
# options so that tables print the same way on every machine.

# %%
import pandas as pd

import helpers

pd.set_option("display.width", 120)
pd.set_option("display.max_columns", 12)
pd.set_option("display.max_colwidth", 70)
helpers.__version__

# %% [markdown]
# ## The pipeline and its modules
#
# Data flow one way through the kit. Each stage lives in its own module, and a module never does
# another stage's work (the chart module, for example, never counts anything):
#
# | stage | module | what you get |
# |---|---|---|
# | bytes on disk → a corpus frame | `helpers.datasets`, `helpers.corpus` | one row per article, same columns for every source |
# | raw text → comparable words | `helpers.arabic` | normalized text, tokens, stop words, clitics |
# | words → matches | `helpers.lexicon` | where each lexicon term occurs, counts per article |
# | matches → tables | `helpers.analysis` | concordances, co-occurrence, keyness, rates |
# | tables → pictures | `helpers.charts` | bar charts, timelines, networks, word clouds |
# | all of the above → the paper | `helpers.figures`, `helpers.scale` | figures on disk; the same counts on large corpora |
#
# Every module starts with a docstring saying what it owns. Rather than copy those sentences here,
# let us ask the package itself:

# %%
import importlib

modules = ["datasets", "corpus", "arabic", "lexicon", "analysis", "charts", "figures", "scale"]
rows = []
for name in modules:
    module = importlib.import_module(f"helpers.{name}")
    first_line = module.__doc__.splitlines()[0]  # the docstring's first line says what it owns
    rows.append({"module": f"helpers.{name}", "owns": first_line})
pd.DataFrame(rows)

# %% [markdown]
# Every public function also has a docstring with a small example. In JupyterLab, put the cursor
# on a name and press **Shift+Tab**, or run `help(helpers.load_corpus)`.

# %% [markdown]
# ## The registered corpora, and why they are downloaded rather than shipped
#
# Besides the one seed article, the kit knows two public research corpora. `helpers.registry()`
# lists them with where they come from: a repository pinned to one commit, so that everyone
# analyses exactly the same files.

# %%
reg = helpers.registry()
reg[["origin", "commit", "files"]].assign(commit=reg["commit"].str[:10])

# %% [markdown]
# Their licences are the reason the kit contains code but no data:

# %%
for name, row in reg.iterrows():
    print(f"{name}:\n  licence:  {row.licence}\n  cite:     {row.citation}\n  note:     {row.notes}\n")

# %% [markdown]
# SaudiNewsNet may be used for non-commercial research but each article belongs to its newspaper;
# ANT asks to be cited and does not allow redistribution. So the kit ships only the registry: the
# address of every file and its SHA-256 checksum. The first time you load a corpus, the kit either
#
# * reads it from a **local mirror** named by the environment variable `ITAR_DATA` (a folder holding
#   the files in their original layout — the classroom set-up, no network needed), or
# * **downloads** it from its origin into a cache folder (`~/.cache/itar`, or `ITAR_CACHE`),
#
# and in both cases checks every file against its checksum, so a changed or damaged file is
# reported, never analysed silently. The Makefile sets `ITAR_DATA=../shared/corpora` when that
# folder exists. We can ask which of the two paths this session uses (we print only whether a
# mirror is set, not where it is, since that differs between machines):

# %%
from helpers import datasets

print("local mirror (ITAR_DATA) in use:", datasets.data_dir() is not None)

# %% [markdown]
# ## The seed article
#
# The kit grew out of one article: a report on the capture of Al-Bukamal
# (<span dir="rtl">البوكمال</span>, *al-Būkamāl*), a Syrian town on the Iraqi border, from ISIS in
# November 2017. It is small enough to read in full, and it is written in a strongly framed voice
# (the army "liberates", ISIS is "the terrorist organisation"), which makes it a good first
# specimen. It is the one text the kit ships, in `corpus/seed/`. Its metadata:

# %%
seed = helpers.load_corpus("seed")
seed[["doc_id", "outlet", "date", "date_inferred", "category", "url"]].T

# %% [markdown]
# Two things to notice already:
#
# * `date_inferred` is `True`: the page's own date was never seen. The day (Sunday 19 November 2017)
#   was worked out from the text — it says "today, Sunday" (<span dir="rtl">اليوم الأحد</span>,
#   *al-yawm al-aḥad*) and "yesterday, Saturday" — and from other reports of the same day. The kit
#   keeps such guesses visibly flagged.
# * The category <span dir="rtl">سورية</span> (*Sūriya*, "Syria") is the site's section name.
#
# The headline, with a gloss:
#
# <div dir="rtl">البوكمال آخر معاقل داعش في سوريا بقبضة الجيش وحلفائه بالكامل</div>
#
# "Al-Bukamal, the last stronghold of Daesh in Syria, entirely in the grip of the army and its allies."

# %%
body = seed.loc[0, "text"]
paragraphs = body.split("\n\n")  # paragraphs are separated by an empty line
print(len(body), "characters of body text;", len(paragraphs), "paragraphs")

# %% [markdown]
# Lesson 2 goes through every column; lesson 3 cleans this text word by word.

# %% [markdown]
# ## Checking that Arabic renders on this machine
#
# Arabic is written right to left, and its letters change shape depending on their neighbours
# (*shaping*): <span dir="rtl">ب</span> alone looks different from the <span dir="rtl">ب</span> at the
# start of <span dir="rtl">بوكمال</span>. A chart library that does not shape draws isolated letters;
# one that does not reorder draws words backwards. Both mistakes are easy to miss if you do not read
# Arabic, so the kit checks for them.
#
# First, which rendering path this machine uses. `shaping_status()` also returns the paths of the
# font files; those differ from machine to machine, so we show only the file names.

# %%
from pathlib import Path

status = helpers.shaping_status()
font_rows = {"dejavu_sans", "amiri"}
shown = {}
for key, value in status.items():
    if key in font_rows:
        value = Path(str(value)).name  # the file name only, not the machine's folders
    shown[key] = value
pd.Series(shown, name="value").to_frame()

# %% [markdown]
# What the rows mean:
#
# * **matplotlib ≥ 3.11** shapes and reorders Arabic itself (with the libraqm library), so chart
#   labels are passed as ordinary strings. Older versions did neither.
# * **Pillow with raqm and fribidi** lets word clouds shape Arabic too. Without the system's
#   `libfribidi`, the kit falls back to pre-shaping words itself (`wordcloud_path`).
# * **DejaVu Sans** (charts) and **Amiri** (word clouds) are fonts that contain Arabic letters.
#
# A status table is only a claim. `check_arabic_rendering()` tests it: it draws a few Arabic strings
# with matplotlib, draws them again with an independent shaping engine (Pillow), and compares the
# pixels. A correct rendering is very similar to the shaped reference and clearly unlike the reversed
# string or the unshaped (isolated letters) version.

# %%
table = helpers.check_arabic_rendering()
table

# %%
assert table.ok.all(), "Arabic is not rendered correctly in charts: see 'If shaping is unavailable' below"

# %% [markdown]
# Now look for yourself. `helpers.use_house_style()` sets the kit's fonts and colours once for the
# whole notebook. Readers without Arabic need a way in, so every Arabic label gets an English gloss
# with `helpers.label_with_gloss`. We count a few words of the seed article (lesson 3 explains
# `tokenize`):

# %%
from collections import Counter

helpers.use_house_style()

counts = Counter(helpers.tokenize(seed.loc[0, "text"], normalized=True))
words = {
    "داعش": "Daesh (ISIS)",
    "الجيش": "the army",
    "تحرير": "liberation",
    "تطهير": "cleansing",
    "الارهابي": "the terrorist",
}
demo = pd.Series({helpers.label_with_gloss(w, g): counts[w] for w, g in words.items()})
ax = helpers.bar_chart(demo, title="Five words in the seed article", xlabel="occurrences")

# %% [markdown]
# Check the picture: each Arabic word should be joined up (cursive) and read right to left, so
# <span dir="rtl">داعش</span> should *start* (on the right) with the letter
# <span dir="rtl">د</span>.

# %% [markdown]
# ## If shaping is unavailable
#
# If `ok` is `False` or the labels look wrong:
#
# 1. **Upgrade matplotlib** to 3.11.2 or later (`pip install -U "matplotlib>=3.11.2"`; `make test`
#    does this for you in `.venv`).
# 2. **Install the system's bidi library** for Pillow (word clouds): `sudo apt install libfribidi0`
#    on Debian/Ubuntu, `brew install fribidi` on macOS. Then re-run `helpers.shaping_status()`.
# 3. **Do not** use the recipe found in many older tutorials,
#    `get_display(arabic_reshaper.reshape(text))`. It was a workaround for libraries that could not
#    shape: it shapes the letters itself and then *reverses* the string so that a left-to-right
#    renderer would show it correctly. matplotlib 3.11 now does that work too, so the text is
#    reversed a second time and comes out backwards.
#
# Here is the proof, drawn side by side with `render_text` from `helpers.charts` (the module the
# rendering check uses; it is not re-exported at the top of the package), which renders one line of
# text to an image. The top row is the independent Pillow reference, the middle row what matplotlib draws from
# the plain string, the bottom row what it draws from the old recipe's output.

# %%
import arabic_reshaper
import matplotlib.pyplot as plt
from bidi import get_display

from helpers.charts import render_text

sample = "قوات سوريا الديمقراطية"  # "Syrian Democratic Forces"
old_recipe = get_display(arabic_reshaper.reshape(sample))
rows = {
    "reference (Pillow, shaped)": render_text(sample, engine="pillow"),
    "matplotlib, plain string (right)": render_text(sample),
    "matplotlib, get_display(reshape(...)) (wrong)": render_text(old_recipe),
}
fig, axes = plt.subplots(len(rows), 1, figsize=(7, 3.6), layout="constrained")
for ax, (label, image) in zip(axes, rows.items()):
    ax.imshow(image, cmap="Greys", vmin=0, vmax=1)
    ax.set_title(label, loc="left", fontsize=10, fontweight="normal")
    ax.set_axis_off()

# %% [markdown]
# In the bottom row the whole line is reversed: the words come in the wrong order, each is spelled
# from its last letter, and several letters no longer join up:
# a reader of Arabic sees nonsense, a reader without Arabic sees nothing wrong.
#
# Note what the automatic check can and cannot see. It tests the *renderer*: given a string, does
# matplotlib draw it as a shaping engine would? If you hand it the old recipe's already-reversed
# string, both engines faithfully draw that reversed string, and the check passes:

# %%
helpers.check_arabic_rendering([old_recipe])[["sample", "ok"]]

# %% [markdown]
# So the rule is simple: pass Arabic to the kit's charts as ordinary text, exactly as it is stored,
# and look at every chart you make.

# %% [markdown]
# **Exercise.** The seed article names the sides of the battle in different ways. Make a glossed bar
# chart of how often these words occur in it: <span dir="rtl">السوري</span> (*al-sūrī*, "the
# Syrian"), <span dir="rtl">وحلفائه</span> (*wa-ḥulafāʾihi*, "and its allies"),
# <span dir="rtl">قوات</span> (*quwwāt*, "forces"), <span dir="rtl">الامريكي</span> (*al-amrīkī*,
# "the American"), <span dir="rtl">اسرائيلية</span> (*isrāʾīliyya*, "Israeli"). Then run
# `helpers.check_arabic_rendering` on exactly the labels you drew and assert that all are `ok`.
# Hint: reuse `counts` from above.

# %% [solution]
side_words = {
    "السوري": "the Syrian",
    "وحلفائه": "and its allies",
    "قوات": "forces",
    "الامريكي": "the American",
    "اسرائيلية": "Israeli",
}
labels = {helpers.label_with_gloss(w, g): counts[w] for w, g in side_words.items()}
label_check = helpers.check_arabic_rendering(list(labels))
assert label_check.ok.all()
display(label_check[["sample", "ok"]])

ax = helpers.bar_chart(pd.Series(labels), title="Naming the sides in the seed article", xlabel="occurrences")

# %% [markdown]
# ## Opening the notebooks, and reading Arabic in JupyterLab
#
# From the kit's folder, `make lab` creates the environment if needed and opens JupyterLab at the
# kit's root (without make: `jupyter lab` in the activated environment, from the kit's folder): the
# lessons are in `notebooks/`, and the README, the codebooks in `corpus/lexicons/` and the guides
# in `docs/` open from the same file browser. Run a lesson top to bottom with
# **Run → Run All Cells**. In class, work in your own copy: `make student` writes copies without
# the worked solutions into `work/student/`, where you can edit and save freely. (In these teacher
# copies the solutions are collapsed: click the bar on their left to open them.)
#
# JupyterLab lays out cells left to right. Within a line the browser orders Arabic correctly, but
# paragraphs stay left-aligned and punctuation at the edges of a mixed line can jump. Two habits help:
#
# * in Markdown, wrap Arabic in `<span dir="rtl">…</span>` (a phrase) or `<div dir="rtl">…</div>`
#   (a paragraph), as these lessons do;
# * to read a long Arabic text from code, show it with `helpers.show` instead of `print`: it lays
#   the text out as right-to-left paragraphs, in a proportional font, with sentence-final
#   punctuation where a reader expects it. (It also *escapes* the text, turning `<` and `&` into
#   `&lt;` and `&amp;`, so that a stray `<` in an article is never read as an HTML tag.)
# * Arabic *inside a code cell* (a string between quotes) can look scrambled: words swap places and
#   quotes seem to jump sides. Only the display is affected, never the string; the
#   [primer](../docs/primer.md#arabic-in-code-cells-looks-scrambled-and-is-not) explains why.

# %%
first_paragraph = paragraphs[0]
helpers.show(first_paragraph)

# %% [markdown]
# ("Today, Sunday, the city of Al-Bukamal — the last stronghold of Daesh on the Syrian–Iraqi border —
# was completely *liberated* in the south-eastern countryside of Deir ez-Zor at the hands of the
# Syrian army and its allies…")
#
# If Arabic letters appear as boxes, the browser lacks an Arabic font: install one (for example
# Noto Naskh Arabic or Amiri) at the system level and reload the page.

# %% [markdown]
# ## What to read next
#
# * Nizar Y. Habash (2010), *Introduction to Arabic Natural Language Processing*, Morgan & Claypool
#   (Synthesis Lectures on Human Language Technologies) — chapter 2 on the Arabic script and its
#   encodings is the background to this lesson's rendering check.
# * Mazen Abdulaziz Alhagri (2015), *Saudi Newspapers Arabic Corpus (SaudiNewsNet)*,
#   <https://github.com/inparallel/SaudiNewsNet>.
# * Amina Chouigui, Oussama Ben Khiroun and Bilel Elayeb (2017), "ANT Corpus: An Arabic News Text
#   Collection for Textual Classification", *AICCSA 2017*.
# * The Unicode Bidirectional Algorithm, Unicode Standard Annex #9 (<https://unicode.org/reports/tr9/>):
#   why mixed Arabic and Latin text is reordered the way it is.
# * The kit's own `README.md` (set-up, data, dependencies and why each is needed) and
#   `helpers/charts.py` (how the rendering check works).
# * Next lesson: **2. Loading corpora** — the corpus schema, the load report, and your own files.
