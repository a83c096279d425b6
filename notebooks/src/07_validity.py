# %% [markdown]
# # 7. Do the counts measure what they claim? Reading, coding and validating a lexicon
#
# **Goal.** By the end of this lesson you can explain why a dictionary count must be read
# before it is reported; draw a seeded sample of matches and code it (in the notebook or in a
# spreadsheet); compute a label's precision with a 95% interval and its recall from
# hand-coded articles; tell the outlet's own words from the words it quotes; and fix a false
# match with a blocker and see how much a chart changes.
#
# Lessons 4 to 6 counted words. A count is a **measurement**, and like any measurement it
# can measure the wrong thing: a word can have another sense, name another actor, or be
# someone else's words. Content analysts call the check *validation*: do the codes (here, the
# lexicon's matches) agree with what a careful human reader sees? Two numbers summarise it:
#
# * **precision**: of the matches the lexicon finds, the share that mean what the label says;
# * **recall**: of the mentions a reader finds, the share the lexicon finds.
#
# The kit's own lexicons were checked this way; the samples, instructions and results are in
# `corpus/validation/` (its `README.md` is the coding manual).

# %%
import tempfile
from pathlib import Path

import pandas as pd

import helpers

pd.set_option("display.max_colwidth", 60)
pd.set_option("display.width", 140)
helpers.use_house_style()

# %% [markdown]
# ## 1. A count that looks like a finding
#
# Suppose we want to compare how often each outlet speaks of an "Israeli aggression" against
# Syria, a phrase of the Syrian government and its allies. The obvious lexicon takes the noun
# <span dir="rtl">عدوان</span> (*ʿudwān*, "aggression"), with and without the article: we write
# it as a small table, in the same format as the kit's lexicons.

# %%
naive = pd.DataFrame({"label": ["aggression", "aggression"], "category": ["israel", "israel"],
                      "gloss": ["aggression (meant: Israeli)"] * 2, "pattern": ["عدوان", "العدوان"]})
ant = helpers.deduplicate(helpers.load_corpus("antcorpus"))
rates = helpers.rates_by_group(ant, naive, "outlet", n_boot=1000, seed=0)
rates[["group", "count", "articles", "rate", "low", "high"]].round(3)

# %%
ax = helpers.rates_chart(rates, title="'Aggression' per 1,000 words, by outlet (ANT 2018)")

# %% [markdown]
# CNN Arabic and France 24 use the word most, Al Arabiya least, and CNN Arabic's interval
# (lesson 5) lies well above those of Al Arabiya, BBC Arabic and Sky News Arabia: not an
# accident of which articles were sampled. It is tempting to write "CNN Arabic frames Israeli
# strikes as aggression". Before writing anything, **read the
# matches**.
#
# ## 2. Read a sample of the matches
#
# `helpers.sample_matches` draws, for each label, a fixed-size random sample of matches
# (`per_label`), with the words before and after each one. The draw is **seeded** (the same
# sample on every run, so others can check your coding) and **stratified** by outlet: each
# outlet gets a share in proportion to its number of matches, and at least one. It searches the
# title and the text separately, as the counts do. (`helpers.kwic` lists *all* lines; a sample
# is what you can actually read and code.)

# %%
sample = helpers.sample_matches(ant, naive, per_label=20, seed=7, window=10)
sample[["sample_id", "outlet", "field", "before", "match", "after"]]

# %% [markdown]
# Read the right-hand context (`after`) first: it often names whose aggression it is. (We
# refer to lines by the number at the end of their `sample_id`.)
#
# * 005, 006, 017: <span dir="rtl">العدوان الثلاثي</span> "the tripartite aggression", the
#   Syrian government's name for the US, British and French missile strikes of 14 April 2018
#   (the name recalls the Suez war of 1956); 007, 012 to 016 are about the same strikes, or
#   (011) an "American" one.
# * 001, 002, 018: <span dir="rtl">العدوان الإيراني</span>, "Iranian aggression", in the
#   words of Israeli officials: the opposite side.
# * 004, 010, 019, 020: a Turkish (or US-Turkish) "aggression", in Afrin and the north.
#
# Our lexicon meant one thing and counts several. The outlet differences in the chart above
# mostly show **which events** each outlet covered in 2018 (France 24 and CNN Arabic reported
# the April strikes at length), not how they frame Israel.
#
# ## 3. Coding the sample
#
# Coding makes the reading explicit and countable. For each line a coder writes:
#
# * `code`: `1` if the match has the **right sense and the intended referent** (here: an
#   aggression attributed to Israel), `0` if not, `?` if the context cannot tell;
# * `voice_code`: `own` if the words are the outlet's narration, `quoted` if they stand inside
#   quoted speech (quotation marks, or the speech after "he said:");
# * `note`: the reason, in a few words (never a copy of the article's sentences).
#
# Here is our coding, made by reading each line and, where the ten words were not enough, the
# article (`doc_id`). Line 008 is `?`: the Syrian agency reports strikes "by hostile missiles"
# without saying whose, and the article never says.

# %%
coding = pd.DataFrame([
    ("aggression-001", 0, "quoted", "Iranian aggression, Israeli PM"),
    ("aggression-002", 0, "quoted", "Iranian aggression"),
    ("aggression-003", 1, "quoted", "'Israeli aggression', denied by Damascus"),
    ("aggression-004", 0, "quoted", "Turkish, in Assad's words"),
    ("aggression-005", 0, "quoted", "tripartite (US-UK-French strikes)"),
    ("aggression-006", 0, "quoted", "tripartite"),
    ("aggression-007", 0, "quoted", "US strikes, Putin"),
    ("aggression-008", "?", "quoted", "strikes by unnamed 'hostile missiles'"),
    ("aggression-009", 1, "own", "Israeli; indirect speech, no quote marks"),
    ("aggression-010", 0, "quoted", "a US-Turkish agreement"),
    ("aggression-011", 0, "quoted", "'American' (T4 airbase)"),
    ("aggression-012", 0, "quoted", "tripartite, Syrian foreign ministry"),
    ("aggression-013", 0, "quoted", "US and allies, Iranian spokesman"),
    ("aggression-014", 0, "quoted", "tripartite"),
    ("aggression-015", 0, "quoted", "tripartite, Moscow"),
    ("aggression-016", 0, "quoted", "American, Syrian state TV"),
    ("aggression-017", 0, "quoted", "tripartite, title"),
    ("aggression-018", 0, "quoted", "Iranian, Israeli army spokesman"),
    ("aggression-019", 0, "quoted", "Turkish, Afrin council"),
    ("aggression-020", 0, "quoted", "Turkish, a Kurdish speaker"),
], columns=["sample_id", "code", "voice_code", "note"])
coded = sample.drop(columns=["code", "voice_code", "note"]).merge(coding, on="sample_id", validate="one_to_one")
coded[["sample_id", "outlet", "match", "after", "code", "voice_code", "note"]]

# %% [markdown]
# With many lines it is easier to code in a spreadsheet. `write_coding_sheet` writes the same
# table as a CSV file that Excel and LibreOffice open with the Arabic intact (UTF-8 with a
# byte-order mark); fill `code`, `voice_code` and `note`, save as CSV, and `read_coding_sheet`
# reads it back, stopping with an error that names the file, the line and the bad value if a
# code is not `1`, `0` or `?`. The round trip gives back the same table:

# %%
folder = Path(tempfile.mkdtemp())
helpers.write_coding_sheet(coded, folder / "aggression_sheet.csv")
back = helpers.read_coding_sheet(folder / "aggression_sheet.csv")
print("same codes after the round trip:", back["code"].tolist() == coded["code"].astype(str).tolist())

# %% [markdown]
# **Sharing a coded sample.** The sheet holds sentences from the corpus, which its licence
# does not let us redistribute. `strip_context` keeps only identifiers and codes (document,
# field, character offsets, label, codes); `attach_context` rebuilds the words around each
# match from your own copy of the corpus, and checks that each span still holds its match.

# %%
shareable = helpers.strip_context(coded)
print(list(shareable.columns))
rebuilt = helpers.attach_context(shareable, ant, window=10)
print("context rebuilt from the corpus:", rebuilt["after"].tolist() == coded["after"].tolist())

# %% [markdown]
# ## 4. Precision, with an interval
#
# `precision_table` counts, per label, the matches coded `1` or `0` (`n`), those coded `1`
# (`correct`), and reports `precision = correct / n` with a 95% **Wilson interval** (`low`,
# `high`). Lines coded `?` are left out and counted (`unsure`).

# %%
table = helpers.precision_table(coded, min_precision=0.90)
table.round(3)

# %% [markdown]
# Two correct lines out of 19: a precision of about 0.11. The interval says that, had we
# coded every match instead of 19, we would most likely have found between about 0.03 and
# 0.31. Whatever the exact value, most of what this label counts is not Israeli aggression.
#
# Why Wilson's interval? The textbook interval `p ± 1.96·√(p(1−p)/n)` misbehaves for small
# samples and for proportions near 0 or 1: for 20 correct out of 20 it gives [1, 1], as if
# 20 lines proved perfection. Wilson's interval stays inside [0, 1] and is honest about
# small samples. How wide is it for a label that is right nine times out of ten?

# %%
widths = pd.DataFrame([(n, int(0.9 * n), *helpers.wilson_interval(int(0.9 * n), n)) for n in (10, 20, 50, 100, 400)],
                      columns=["n coded", "correct", "low", "high"])
widths.round(3)

# %% [markdown]
# With 20 coded matches, a label with 18 correct could have a true precision anywhere from
# about 0.70 to 0.97. Twenty lines per label is enough to catch a label that is badly wrong
# (like ours), not to tell 0.90 from 0.95; for that you need a few hundred. The kit codes at
# least 20 per label and reports the intervals, so you can see which labels are close to the
# line. `flag_labels` lists the labels below a chosen precision:

# %%
helpers.flag_labels(table, min_precision=0.90)

# %% [markdown]
# ## 5. Recall: what the lexicon misses
#
# Precision only looks at what the lexicon found. To see what it **misses**, a coder reads
# whole articles and marks every mention, without looking at the matches; recall is the share
# of those mentions that a match of the same label overlaps. Let us do it for one article, the
# seed report on Al-Bukamal (lessons 2 to 4), and the "liberation" frame: a capture described as
# liberating (<span dir="rtl">تحرير</span>) or cleansing (<span dir="rtl">تطهير</span>) a place.
#
# Reading the text, we found ten such mentions. A coder need not count characters: write the
# words as they appear (`surface`) and, if they occur more than once, which occurrence;
# `locate_mentions` finds the offsets.

# %%
seed = helpers.load_corpus("seed")
doc = seed.loc[0, "doc_id"]
mentions = pd.DataFrame({
    "doc_id": doc, "field": "text", "label": "liberation",
    "surface": ["تحرير"] * 6 + ["تطهير"] * 3 + ["حرّر"],
    "occurrence": [1, 2, 3, 4, 5, 6, 1, 2, 3, 1],
})
mentions = helpers.locate_mentions(mentions, seed)
mentions[["surface", "occurrence", "start", "end"]]

# %% [markdown]
# A first lexicon with the noun only:

# %%
liberation = pd.DataFrame({"label": "liberation", "category": "outcome", "gloss": "liberation",
                           "pattern": ["تحرير", "التحرير"]})
helpers.recall_table(mentions, seed, liberation).round(3)

# %% [markdown]
# Six of ten: the noun <span dir="rtl">تحرير</span> is found, but "cleansing"
# (<span dir="rtl">تطهير</span>, three times) and the verb <span dir="rtl">حرّر</span> ("liberated")
# are not. Adding them:

# %%
wider = pd.concat([liberation, pd.DataFrame({"label": "liberation", "category": "outcome", "gloss": "liberation",
                                             "pattern": ["تطهير", "حرر*"]})], ignore_index=True)
helpers.recall_table(mentions, seed, wider).round(3)

# %% [markdown]
# Recall is now 1 on this article. One article is an anecdote, and its interval (from 0.72 to 1)
# shows it: the kit's own recall check uses 30 articles drawn at random, stratified by outlet.
# Each addition also has to be checked for precision: a starred pattern such as
# <span dir="rtl">حرر*</span> could catch unwanted words (the kit's codebook lists such traps).
# Recall and precision pull in opposite directions, which is why both are measured.
#
# ## 6. Whose words? Own voice and quoted speech
#
# Our coders also recorded the voice of every line. Of the 19 decided lines, all but one stand
# inside quoted speech: officials, agencies and statements call the strikes an "aggression";
# the outlets themselves, in their own narration, hardly ever do.

# %%
coded.loc[coded["code"].astype(str) != "?", "voice_code"].value_counts()

# %% [markdown]
# The kit marks each match with a `voice` of its own (`own` or `quoted`), from quotation marks
# and from attribution verbs followed by a colon (<span dir="rtl">قال:</span> "he said:"), so that
# counts can be split by voice. Like any automatic coding it must be checked:
# `voice_accuracy` compares the kit's `voice` with the coder's `voice_code` and gives the
# agreement with its interval and a confusion table (rows: the kit; columns: the coder). Line 009
# shows a hard case: "Nasrallah said that ... in response to the Israeli aggression" is indirect
# speech without quotation marks, so it counts as the outlet's own wording.

# %%
agreement, confusion = helpers.voice_accuracy(coded)
display(agreement.round(3))
confusion

# %% [markdown]
# Where do the kit and the coder disagree? Read those lines:

# %%
decided = coded[coded["voice"].isin(["own", "quoted"]) & (coded["code"].astype(str) != "?")]
decided.loc[decided["voice"] != decided["voice_code"], ["sample_id", "before", "match", "after", "voice", "voice_code"]]

# %% [markdown]
# The disagreements are short quotations: a word or two between quotation marks, such as
# <span dir="rtl">"العدوان الثلاثي"</span> in a title. The kit's rule reads a quoted stretch of
# up to three words as a name or a "scare quote" (so that <span dir="rtl">قوات "سوريا الديمقراطية"</span>,
# the Syrian Democratic Forces, is not taken for speech), and counts it as the outlet's own voice. A reader
# sees that the outlet is putting the word in someone else's mouth. Neither is wrong in general;
# the point is that the split is a measurement too, with its own accuracy, and that the
# accuracy depends on the words you count: loaded words are quoted in exactly this way.

# %% [markdown]
# A rule to take away: **before comparing outlets on a loaded word, split the counts by voice.**
# An outlet that quotes Damascus often will "use" Damascus's vocabulary often.
#
# ## 7. The kit's own validation
#
# `helpers.load_validation()` returns the kit's published precision and recall tables, coded on
# a fresh sample drawn *after* the lexicons were frozen, following `corpus/validation/README.md`.
# Two coders coded every match without seeing each other's codes, and a third decided where they
# differed. Charts and paper tables should show only labels that pass (precision at least 0.90),
# or mark those that do not; the kit's paper figures leave them out. Labels missing from the
# table have not been tested.

# %%
published, published_recall = helpers.load_validation()
frames_precision = published[published["lexicon"] == "frames"]
print(len(frames_precision), "frame labels in the published precision table")
print("below 0.90:", helpers.flag_labels(frames_precision, 0.90))

# %% [markdown]
# ## Exercise: block a false match and watch the chart change
#
# The lexicon's format has a remedy for a known false sense: a **blocker**, a row with the
# category `blocker` whose pattern is the longer phrase that carries the false sense. Under
# longest match the blocker takes the words, so the shorter pattern no longer counts them, and
# the blocker itself is left out of counts and charts.
#
# 1. Add a blocker for <span dir="rtl">العدوان الثلاثي</span> ("the tripartite aggression")
#    to `naive`, and compute the rates by outlet again.
# 2. Draw the old and new rates in one chart (hint: give the two tables different `gloss`
#    values, such as "naive" and "with blocker", and `pd.concat` them; leave out the rows of
#    the blocker, `category == "blocker"`).
# 3. Which outlet's rate drops most? Is the label now valid? (Hint: look again at the coded
#    lines that are *not* tripartite.)

# %%
# Your code here: start from naive and pd.DataFrame({"label": [...], "category": ["blocker"], ...})

# %% [solution]
blocker = pd.DataFrame({"label": ["tripartite_aggression"], "category": ["blocker"],
                        "gloss": ["'tripartite aggression' (US-UK-French strikes, April 2018)"],
                        "pattern": ["العدوان الثلاثي"]})
fixed = pd.concat([naive, blocker], ignore_index=True)
rates_fixed = helpers.rates_by_group(ant, fixed, "outlet", n_boot=1000, seed=0)
rates_fixed = rates_fixed[rates_fixed["category"] != "blocker"]
both = pd.concat([rates.assign(gloss="naive"), rates_fixed.assign(gloss="with blocker")], ignore_index=True)
display(both.pivot(index="group", columns="gloss", values="count"))
ax = helpers.rates_chart(both, title="'Aggression' per 1,000 words: before and after the blocker")

# %% [answer]
# **A possible answer.** The blocker removes the "tripartite aggression" lines: France 24's count
# drops by about a quarter, the others' by a few matches, and France 24 moves towards the other
# outlets. (Where a quotation mark splits the phrase, as in <span dir="rtl">العدوان" الثلاثي</span>,
# the kit's matcher reads across it.) But
# the label is still not valid: Iranian, Turkish and American "aggressions" remain, so its
# precision on a new sample would still be far below 0.90. Blocking each wrong sense one by one
# is endless here; the better fix is to **narrow** the label to the phrases that name Israel
# (<span dir="rtl">العدوان الإسرائيلي</span>, <span dir="rtl">عدوان إسرائيلي</span>) and let a
# separate label count "aggression" in general. Then draw a **fresh** sample with a new seed and
# code it: a sample that was used to fix a lexicon cannot also measure it, because the fixes are
# tuned to exactly those lines.

# %% [markdown]
# ## What to read next
#
# * `corpus/validation/README.md`: the kit's coding instructions (what "strict" means, how to
#   code voice, when to use `?`), and how its samples were drawn.
# * Klaus Krippendorff (2018), *Content Analysis: An Introduction to Its Methodology*, 4th ed.,
#   Sage: validity and reliability of coding.
# * Justin Grimmer & Brandon M. Stewart (2013), "Text as data: the promise and pitfalls of
#   automatic content analysis methods for political texts", *Political Analysis* 21(3):
#   267–297 ("validate, validate, validate").
# * Wouter van Atteveldt, Mariken A. C. G. van der Velden & Mark Boukes (2021), "The validity of
#   sentiment analysis: comparing manual annotation, crowd-coding, dictionary approaches, and
#   machine learning algorithms", *Communication Methods and Measures* 15(2): 121–140.
# * Edwin B. Wilson (1927), "Probable inference, the law of succession, and statistical
#   inference", *JASA* 22: 209–212; Lawrence D. Brown, T. Tony Cai & Anirban DasGupta (2001),
#   "Interval estimation for a binomial proportion", *Statistical Science* 16(2): 101–133.
