# %% [markdown]
# # 8. An event study: Douma, 7–21 April 2018, in five outlets
#
# **Goal.** By the end of this lesson you can study one event across outlets the way a media
# researcher does: measure *attention* as a share of each outlet's output (not raw counts),
# compare the days before and after the event with intervals, compare *naming choices* in
# the outlets' own voice and in the voices they quote, read the key sentences in context,
# and use collocates to find how each outlet surrounds the place name. You finish with a
# short written comparison that stays within what the numbers can carry. On the way, two open
# tools (sticky phrases and a topic model) suggest what the lexicons did not look for.
#
# On 7 April 2018 a chemical attack was reported in Douma, the last opposition-held town of
# Eastern Ghouta, near Damascus. The Syrian government and Russia denied it; on 14 April the
# United States, the United Kingdom and France struck Syrian government sites; inspectors of
# the Organisation for the Prohibition of Chemical Weapons (OPCW) reached the town later in
# April. Every outlet in the ANT subset covered these two weeks: the question is *how*.

# %%
import pandas as pd

import helpers

pd.set_option("display.max_colwidth", 60)
pd.set_option("display.width", 140)
helpers.use_house_style()

EVENTS = {"2018-04-07": "Douma attack reported", "2018-04-14": "US/UK/French strikes"}
START, END = "2018-04-07", "2018-04-21"

# %% [markdown]
# ## 1. Who was collecting, and when?
#
# Before comparing outlets, check what the corpus holds for each of them. ANT's outlets were
# not collected over the same months: a day with no article from an outlet before its first
# collected article means "not collected", not "silent".

# %%
ant = helpers.deduplicate(helpers.load_corpus("antcorpus"))
ant["day"] = pd.to_datetime(ant["date"], utc=True).dt.tz_localize(None).dt.normalize()
coverage = ant.groupby("outlet")["day"].agg(first="min", last="max", articles="size")
coverage["in_the_two_weeks"] = ant[ant["day"].between(START, END)].groupby("outlet").size()
coverage

# %% [markdown]
# All five outlets cover the event window, but with very different volumes: Sky News Arabia
# publishes several times as many articles as Al Arabiya. Raw counts would mostly measure
# output; we compare **shares** instead.
#
# ## 2. Attention, normalized by each outlet's output
#
# `helpers.attention` counts, per period and outlet, the articles that mention a query (here
# the town's name, <span dir="rtl">دوما</span>, matched with its clitics) and divides by all
# the outlet's articles in that period. Periods outside an outlet's collection are masked
# (a gap, not a zero).

# %%
att = helpers.attention(ant, freq="D", query="دوما", start="2018-03-31", end="2018-04-28", events=EVENTS)
att.pivot(index="period", columns="group", values="share").loc["2018-04-05":"2018-04-16"].round(2)

# %%
ax = helpers.attention_chart(att, events=EVENTS, title="Share of each outlet's articles that name Douma, per day",
                             ylabel="share of the day's articles")

# %% [markdown]
# Daily shares jump around when an outlet publishes only a handful of articles a day; read
# the shape, not single days. `helpers.compare_windows` puts a number on "before and after"
# with 95% Wilson intervals: the week before 7 April against the week from 7 April.

# %%
windows = helpers.compare_windows(ant, "2018-04-07", query="دوما", days=7)
windows[["group", "articles_before", "before", "low_before", "high_before",
         "articles_after", "after", "low_after", "high_after", "overlap"]].round(2)

# %% [markdown]
# Douma was already in the news the week before (the last phase of the Ghouta offensive); from
# 7 April it is named in more than half of every outlet's articles. Where the intervals are
# wide (Al Arabiya, BBC Arabic: few articles), the outlets cannot be ranked against each other,
# and `overlap` says when even the before/after change is not clear-cut.
#
# ## 3. Who is named, and how: naming choices with intervals
#
# We take the articles of the two weeks that are about Syria (those that name it at least three
# times, the kit's rule for counting frames in ANT: see lesson 5) and count the frame lexicon of
# lesson 5, in the outlet's **own voice** only (`voice="own"`: words outside quotations, see
# `helpers.quoted_spans`). Rates are per 1,000 own-voice words with bootstrap intervals.

# %%
frames = helpers.Lexicon.from_csv("../corpus/lexicons/frames.csv")
two_weeks = ant[ant["day"].between(START, END)].copy()
syria_weeks = helpers.topic_filter(two_weeks, "../corpus/lexicons/syria_topic.csv", min_hits=3)
print(len(syria_weeks), "of", len(two_weeks), "articles of the two weeks name Syria at least three times")
own = helpers.rates_by_group(syria_weeks, frames, syria_weeks["outlet"], voice="own", n_boot=500, seed=0)
gov = own[own["category"] == "government_side"]
gov[["group", "label", "gloss", "count", "rate", "low", "high"]].round(2)

# %%
ax = helpers.rates_chart(gov, title="Naming the government side in the outlets' own voice, 7–21 April 2018")

# %% [markdown]
# The same counts inside quotations tell us whose words the names are. A name that appears
# mostly in quoted speech is the sources' choice; in the outlet's own voice it is the outlet's.

# %%
voices = pd.concat({v: helpers.count_terms(syria_weeks, frames, voice=v).groupby(syria_weeks["outlet"]).sum()
                    for v in ("own", "quoted")}, names=["voice", "outlet"])
voices[["regime_forces", "government_forces", "army", "militants", "fighters"]].unstack("voice")

# %% [markdown]
# ## 4. Reading the key sentences
#
# Numbers point; sentences decide. The KWIC lines for the chemical weapons vocabulary,
# sorted by the word after the match (AntConc's sort), show which phrases each outlet repeats:
# "the chemical attack", "the alleged chemical attack", "chemical weapons".

# %%
chemical = ["كيماوي*", "كيميائي*", "كيمياوي*", "الكيماوي*", "الكيميائي*", "الكيمياوي*"]
lines = helpers.kwic(two_weeks, chemical, window=6, sort="before")
lines = lines.merge(two_weeks[["doc_id", "outlet"]], on="doc_id")
lines.groupby("outlet").size()

# %%
helpers.show_kwic(lines[lines["outlet"] == "BBC Arabic"].head(10))

# %%
helpers.show_kwic(lines[lines["outlet"] == "Sky News Arabia"].head(10))

# %% [markdown]
# Look for the words that *qualify* the event: <span dir="rtl">المزعوم</span> ("alleged"),
# <span dir="rtl">المشتبه</span> ("suspected"), <span dir="rtl">المفترض</span> ("presumed"), and for who
# is said to have done it. The `voice` column tells you whether the line is inside a quotation.

# %%
qualified = lines.assign(alleged=lines["after"].str.contains("المزعوم|المشتبه|المفترض|المحتمل", regex=True))
qualified.groupby(["outlet", "voice"])["alleged"].agg(["sum", "size"])

# %% [markdown]
# ## 5. How each outlet surrounds the place name: collocates
#
# Collocates of <span dir="rtl">دوما</span> in the two weeks, by outlet (±5 words, stop words
# removed; lesson 5 explains the measures). `G2` ranks the words most attracted to the name.

# %%
around = helpers.collocates(two_weeks, "دوما", by="outlet", min_freq=3)
around.groupby("group").head(6)[["group", "collocate", "gloss", "O", "G2", "log_ratio"]].round(1)

# %%
ax = helpers.collocates_chart(around[around["group"] == "France 24"], n=12,
                              title="Collocates of دوما (±5 words), France 24, 7–21 April 2018")

# %%
pair = helpers.compare_collocates(two_weeks, "دوما", groups=("Sky News Arabia", "BBC Arabic"), min_freq=4)
pd.concat([pair.head(6), pair.tail(6)]).round(2)

# %% [markdown]
# Where in the articles is Douma named? A dispersion plot puts a tick at each mention, at its
# relative position in the article (0 = headline and lead, 1 = the last line). An event at the
# top of the news is named early; a background mention comes late.

# %%
hits = helpers.occurrences(two_weeks, "دوما", by="outlet")
ax = helpers.dispersion_plot(hits, groups=sorted(two_weeks["outlet"].unique()),
                             title="Mentions of دوما by position in the article, 7–21 April 2018")
helpers.dispersion(two_weeks, "دوما", by="outlet")[["group", "hits", "articles", "articles_with", "per_1000",
                                                     "DP", "mean_position"]].round(2)

# %% [markdown]
# ## 6. What else fills these two weeks? Sticky phrases and candidate frames
#
# The lexicons count what we decided to look for. Two open tools suggest what we did not.
# `helpers.ngrams` lists frequent word sequences that stick together (frequency × the weakest
# link's association); names, institutions and set phrases rise to the top by themselves.

# %%
phrases = helpers.ngrams(two_weeks, (2, 4), min_freq=5)
phrases.head(12)[["ngram", "freq", "docs", "pmi", "stickiness", "in_longer"]].round(2)

# %% [markdown]
# `in_longer` near 1 marks a piece of a longer name (<span dir="rtl">منظمة حظر</span> inside
# "Organisation for the Prohibition of Chemical Weapons"). A phrase worth counting can go into
# your own lexicon with `helpers.ngrams_to_lexicon(rows, label=..., category=..., gloss=...,
# path="my_lexicon.csv")`, which appends safely and refuses a label with two glosses.
#
# A **topic model** groups words that tend to appear in the same articles. Its topics are
# *candidate* frames at best: most are topics in the everyday sense (an event, a venue). A
# frame (a problem definition, a cause, a moral judgement, a remedy; Entman 1993) is only
# established by reading the most typical articles, writing a lexicon or codebook, and
# validating it. The model is seeded, so the topics are the same at every run.

# %%
model = helpers.topics(two_weeks, k=6, seed=0, min_df=3)
model.summary(8)

# %%
model.shares.pivot(index="topic", columns="group", values="share").round(2)

# %% [markdown]
# Read before naming a topic: here are the two most typical titles of each.

# %%
model.documents[model.documents["rank"] < 2][["topic", "doc_id", "title"]]

# %% [markdown]
# One topic gathers the Security Council votes, another the chemical weapons inspectors,
# another the strikes, another the end of the Ghouta battle: these are the *stories* of the two
# weeks. Differences in topic shares between outlets (with `low`/`high` in `model.shares`) say
# which stories each outlet told more, not yet how it framed them.
#
# ## Exercise: a short written comparison
#
# Choose two outlets. In five to eight sentences, compare how they covered Douma in these two
# weeks: how much attention (as a share of their output), which names they used for the
# government side in their own voice and in quotations, how they qualified the attack, and
# what surrounds the town's name. Give a number with its interval for every comparison, say
# where the intervals overlap, and end with one thing the counts cannot tell you.
#
# *Hint:* put the pieces you need in one table: `windows` (attention), `gov` (naming rates),
# `voices` (own vs quoted), `qualified` (alleged / suspected), `pair` (collocates). Then read
# three KWIC lines from each outlet before writing.

# %%
# Your code here: for example, pick = ["BBC Arabic", "Sky News Arabia"]

# %% [solution]
pick = ["BBC Arabic", "Sky News Arabia"]
summary = windows.set_index("group").loc[pick, ["after", "low_after", "high_after"]]
for label in ("regime_forces", "government_forces"):
    rows = gov[gov["label"] == label].set_index("group").loc[pick]
    summary[f"{label} rate"] = rows["rate"]
    summary[f"{label} interval"] = [f"{lo:.2f}–{hi:.2f}" for lo, hi in zip(rows["low"], rows["high"])]
share_alleged = qualified.groupby("outlet")["alleged"].mean()
summary["share of chemical lines qualified"] = share_alleged.reindex(pick)
display(summary.round(2))
for outlet in pick:
    helpers.show_kwic(lines[lines["outlet"] == outlet].head(3))

# %% [answer]
# **A possible comparison (BBC Arabic and Sky News Arabia).** Both outlets turned to Douma
# after 7 April: about three in four of their articles in the following week name the town
# (BBC Arabic 0.73, interval 0.54–0.86; Sky News Arabia 0.72, 0.63–0.79), and the intervals
# overlap, so neither gave the event clearly more attention. The rise is clear for Sky News
# Arabia (0.37 the week before); for BBC Arabic, with only 12 articles that week, the before
# and after intervals overlap. In their own voice the two name the government side
# differently: BBC Arabic mostly writes "government forces" (4.0 per 1,000 words, 2.9–5.1)
# and Sky News Arabia "regime forces" (5.3, 4.4–6.1); neither interval overlaps the other
# outlet's, which repeats the pattern of the whole corpus (lesson 5). Quotations account for
# only a small part of the "regime" counts (10 of BBC Arabic's 47, 32 of Sky News Arabia's
# 241): the name is mostly the outlets' own. Qualifiers such as "alleged" or "presumed" follow
# the chemical vocabulary in about one line in thirteen in both, nearly always in their own
# voice. Around the town's name, the largest differences are spelling (Sky's
# <span dir="rtl">كيماوي</span> against BBC's <span dir="rtl">كيمياوية</span> and
# <span dir="rtl">كيميائية</span>), <span dir="rtl">النظام</span> near Douma at Sky News Arabia, and
# <span dir="rtl">بلدة</span> ("town") and <span dir="rtl">المسلحة</span> ("armed", as in armed
# factions) at BBC Arabic. What the counts cannot tell us: whether a qualifier reflects doubt
# or care with a claim not yet verified, which needs the articles themselves and each
# newsroom's standards at the time.
#
# ## What to read next
#
# * Robert M. Entman (1993), "Framing: toward clarification of a fractured paradigm",
#   *Journal of Communication* 43(4): 51–58; and on event-driven news, Regina G. Lawrence
#   (2000), "Game-framing the issues: tracking the strategy frame in public policy news",
#   *Political Communication* 17(2).
# * Media Cloud's attention charts (https://www.mediacloud.org): the same "share of an outlet's
#   stories" measure over large news collections.
# * Stefan Th. Gries (2008), "Dispersions and adjusted frequencies in corpora", *International
#   Journal of Corpus Linguistics* 13(4): 403–437: the DP measure used in `helpers.dispersion`.
# * Edwin B. Wilson (1927), "Probable inference, the law of succession, and statistical
#   inference", *Journal of the American Statistical Association* 22: the interval of
#   `helpers.compare_windows`.
# * The OPCW Fact-Finding Mission's report on Douma (S/1731/2019, March 2019), for what was
#   established after these two weeks of coverage.
