# %% [markdown]
# # 5. How is it named? Frame lexicons, rates with intervals, and keyness
#
# **Goal.** By the end of this lesson you can compare how outlets *name* the same actors and
# events, as rates per 1,000 words with bootstrap intervals; read those intervals without
# over-reading them; check a frame by reading its matches in context; explain why some
# lexicon rows exist only to block false matches; and find the words that set one outlet
# apart from the others (keyness).
#
# Entman (1993) describes framing as selecting some aspects of a perceived reality and making
# them more salient. In news language, one of the most visible selections is the **name**:
# the same forces can be "the Syrian Arab Army", "regime forces" or "government forces"; the
# same capture can be a "liberation" or a "takeover". A frame lexicon lists such alternatives
# side by side so that they can be counted and compared.

# %%
import pandas as pd

import helpers

pd.set_option("display.max_colwidth", 70)
pd.set_option("display.width", 120)
helpers.use_house_style()

# %% [markdown]
# ## 1. The frame lexicon and its codebook
#
# `frames.csv` has the same format as the entity lexicon of lesson 4, with one difference in
# meaning: its `category` column is a **frame group**, a set of alternative names for the same
# referent. Comparisons only make sense *within* a group ("army" against "regime forces"),
# never across groups.

# %%
frames = helpers.Lexicon.from_csv("../corpus/lexicons/frames.csv")
groups = frames.table().reset_index()
groups.groupby("category", sort=False)["gloss"].agg(" | ".join).to_frame("labels (glosses) in the group")

# %% [markdown]
# The codebook `corpus/lexicons/frames.md` explains each group, the rejected patterns and the
# known ambiguities. For example, one group for the government side:

# %%
frames.table().loc[["army", "regime_forces", "government_forces"], ["gloss", "patterns"]]

# %% [markdown]
# How does the seed article, the pro-government report on Al-Bukamal, fall on these choices?

# %%
seed = helpers.load_corpus("seed")
seed_article = seed.loc[0, "title"] + "\n" + seed.loc[0, "text"]
seed_counts = helpers.count_terms([seed_article], frames).iloc[0]  # one row: the article
seed_counts = seed_counts[seed_counts > 0]                          # the labels it uses
labels = seed_counts.index
pd.DataFrame({"group": [frames.categories[x] for x in labels],
              "gloss": [frames.glosses[x] for x in labels],
              "hits": seed_counts.values}, index=labels)

# %% [markdown]
# "The army" and its "allies", a "liberation", and "terrorist Daesh": the article never says
# "regime", "militia", "opposition" or "martyr". One article is an anecdote. Now to the
# outlets.
#
# ## 2. Naming choices across outlets, with intervals
#
# We use the ANT Syria subset as the paper's figures do. Exact repeats are removed: France 24
# republished many of its texts under several addresses, and counting them twice would inflate
# its rates for whatever those stories said. Only the paper's window is kept, February to
# October 2018. And only the articles that name Syria at least three times: ANT's "Syria subset"
# also holds world news that mentions Syria in passing, where "killed" or "terrorists" are about
# another conflict (the codebook `frames.md` says what this filter costs).
# `helpers.figures.load_inputs()` reads the kit's figure configuration
# (`corpus/figures.toml`), applies these steps and logs each one; `data.corpus` is the result.

# %%
data = helpers.figures.load_inputs()
print(*data.steps, sep="\n")
ant = data.corpus
ant["outlet"].value_counts()

# %% [markdown]
# `rates_by_group` computes, for each outlet and label, total matches divided by total words
# (per 1,000 words), and a 95% **bootstrap interval**: it resamples each outlet's articles
# with replacement 1,000 times and recomputes the rate each time. The interval shows how
# much the rate depends on which articles happen to be in the sample. The seed is fixed, so
# the numbers are the same every run.

# %%
rates = helpers.rates_by_group(ant, frames, ant["outlet"], n_boot=1000, seed=0)
rates[rates["label"] == "daesh"].round(3)

# %% [markdown]
# The paper's figure on naming ISIS comes from the recipe `helpers.figures.table_naming`, which
# runs the same computation on the same rows for one frame group. A recipe takes the inputs and
# a `spec`, that figure's settings from the configuration (here `category = "isis_naming"`):

# %%
naming_spec = next(spec for spec in data.config["figure"] if spec["kind"] == "naming")
paper = helpers.figures.table_naming(data, naming_spec)
ours = rates[rates["category"] == naming_spec["category"]]
both = ours.merge(paper, on=["group", "label"], suffixes=("", "_paper"))
print(len(paper), "rows in the paper table; same numbers:",
      len(both) == len(paper) and bool((both["rate"].round(4) == both["rate_paper"]).all()))

# %% [markdown]
# The paper's figure for one group, naming ISIS, drawn by its recipe. Each dot is a rate; the
# bar around it is its interval.

# %%
fig = helpers.figures.fig_naming(data, naming_spec)
helpers.show_figure(fig)

# %% [markdown]
# **Reading the intervals.**
#
# * France 24 and BBC Arabic write "(the) Islamic State (organisation)"; Sky News Arabia, CNN
#   Arabic and Al Arabiya write "Daesh". The intervals are far apart, so this split does not
#   depend on a few articles: resampling the articles would not close the gap.
# * Al Arabiya's interval for "Daesh" is the widest because it has the fewest articles (121).
#   A wide interval means "we know this rate less precisely", not "this outlet varies more".
# * Overlapping intervals do not show that two outlets are the *same*; they show that this
#   sample cannot tell them apart.
# * The interval covers one source of uncertainty only: which articles are in the sample. It
#   says nothing about lexicon errors (false or missed matches) or about how ANT chose its
#   articles. Those need reading (next section) and knowledge of the corpus.
#
# **Explore the other groups yourself.** Rather than retyping the cells above for each group
# of labels, choose a group and the outlets to compare in the rates explorer below. It calls
# the same `rates_by_group` (same seed), so its numbers are the ones above. A notebook viewer
# that runs no code shows a static copy of its first table instead.

# %%
helpers.rates_explorer(ant, frames, "outlet")

# %% [markdown]
# ## 3. Validate by reading: keyword in context
#
# A count is only as good as its matches. `helpers.kwic` shows each match with a few words
# on each side. Matching uses the whole frame lexicon, so longest-match applies: a name such as
# <span dir="rtl">هيئة تحرير الشام</span> (HTS, "Levant Liberation Committee") is *not* counted as
# "liberation". Here are ten random (but seeded) "liberation / cleansing" lines from ANT:

# %%
lines = helpers.kwic(ant, frames, window=6, blockers=True)  # blocker lines too, for section 4
liberation = lines[lines["label"] == "liberation"]
print(len(liberation), "liberation matches")
sample = liberation.sample(10, random_state=1)[["doc_id", "before", "match", "after"]]
sample["what the line says"] = [
    "state agency SANA on the 'cleansing' of Eastern Ghouta of 'terrorist elements' (in quotes)",
    "an army statement: fighting goes on until all Syrian soil is 'cleansed' (quoted)",
    "Iran's chief of staff: the army's will 'to cleanse' the outskirts of Damascus (quoted)",
    "Assad: 'we will resort to liberating' the Kurdish-held areas by force (quoted)",
    "the same Assad sentence, in another outlet",
    "the same Assad sentence, in a third outlet",
    "state TV reports a deal 'to release' thousands from two besieged towns",
    "Iran's Zarif: Idlib must be 'cleansed' of militants (in quotes)",
    "an Egyptian TV host on 'cleansing' Sinai of terrorism (not Syria)",
    "Turkey's deputy PM: the Afrin operation aims to 'cleanse' the area of terror (quoted)",
]
helpers.show_kwic(sample)  # each line reads right to left: the words before the match on the right

# %% [markdown]
# All ten lines put "liberation" or "cleansing" in someone else's mouth: Syrian state media and
# the army, President Assad (one sentence, quoted by three outlets), Iranian and Turkish
# officials, an Egyptian TV host. Two are not about a capture in Syria at all: a deal to release
# people from two towns, and "cleansing" Sinai of terrorism. In these international outlets the
# liberation frame is mostly **quoted**, not adopted. Rates count words; reading tells you whose
# words they are, and what they are about.
#
# **Read more lines yourself.** The KWIC browser shows the lines of any label, or of a pattern
# you type, for one outlet or all. Sorting by the word just before or just after the match
# (AntConc's sort) brings the same phrasings together, so that quoted uses such as
# "said ... liberated" stand out.

# %%
helpers.kwic_browser(ant, frames, window=6, max_rows=15)

# %% [markdown]
# ## 4. The blocker label `tahrir_in_names`
#
# <span dir="rtl">تحرير</span> "tahrir" means liberation, but it also occurs in names and titles:
# <span dir="rtl">رئيس التحرير</span> "editor-in-chief", <span dir="rtl">منظمة التحرير</span> "the
# (Palestine) Liberation Organisation", and in 2018 especially
# <span dir="rtl">الجبهة الوطنية للتحرير</span> "the National Liberation Front", a coalition of
# rebel groups in Idlib. The lexicon lists these names under a separate label,
# `tahrir_in_names`. Because the longest match wins, the name absorbs the word and it is not
# counted as a liberation frame. What does the blocker catch in ANT?

# %%
blocked = lines[lines["label"] == "tahrir_in_names"]
names = {"الجبهة الوطنية للتحرير": "National Liberation Front (rebel coalition)",
         "جبهة التحرير الوطني": "National Liberation Front (rebel coalition)",
         "جبهة تحرير سوريا": "Syria Liberation Front (rebel coalition)",
         "منظمة التحرير": "(Palestine) Liberation Organisation",
         "رهائن": "freeing hostages", "الرهائن": "freeing hostages",
         "المخطوفين": "freeing the abducted", "المختطفين": "freeing the abducted",
         "عرقي": "ethnic cleansing", "العرقي": "ethnic cleansing", "الاثني": "ethnic cleansing",
         "الطائفي": "sectarian cleansing", "حملة تطهير": "a purge (campaign)",
         "مدير تحرير": "managing editor", "رئيس تحرير": "editor-in-chief", "رئيسة تحرير": "editor-in-chief",
         "معهد تحرير": "Tahrir Institute (a think tank)", "تحرير سوريا": "Syria Liberation Front (rebel coalition)",
         "موقع": "'sanitising' the site (of the Douma attack, US accusation)"}
found = blocked["match"].map(helpers.normalize).value_counts().rename("hits").to_frame()


def gloss_of(match):
    """The English name of the first blocked name that occurs in a (normalized) match."""
    for arabic, gloss in names.items():
        if helpers.normalize(arabic) in match:
            return gloss
    return ""


found.insert(0, "gloss", [gloss_of(m) for m in found.index])
found

# %% [markdown]
# What would happen without it? Build the lexicon again without the blocker rows and count
# "liberation" by outlet:

# %%
no_blocker = helpers.Lexicon.from_frame(frames.entries[frames.entries["label"] != "tahrir_in_names"])
compare = pd.DataFrame({
    "liberation": rates.query("label == 'liberation'").set_index("group")["count"],
    "without blocker": helpers.count_terms(ant, no_blocker)["liberation"].groupby(ant["outlet"]).sum(),
})
compare

# %% [markdown]
# Without the blocker, the names of rebel coalitions (and hostage releases, ethnic
# "cleansing", editors' titles) would add to the "liberation" count: BBC Arabic's count would
# double and Sky News Arabia's would grow by more than half. The blocker label is not a frame,
# so the kit leaves labels of category `blocker` out of counts, rates, KWIC and charts unless
# you ask for them with `blockers=True` (as in the KWIC above). Here is the outcome group:

# %%
first_pattern = frames.display_terms()  # one readable Arabic term per label
outcome = rates[rates["category"] == "outcome"].copy()
outcome["name"] = [helpers.label_with_gloss(first_pattern[x], g) for x, g in zip(outcome["label"], outcome["gloss"])]
ax = helpers.rates_chart(outcome, label_col="name", title="Describing a capture, by outlet (ANT 2018)")

# %% [markdown]
# "Took control" is the most frequent name for a capture in four outlets; Al Arabiya, with few
# matches, writes "occupation" more often (read its lines before guessing why). "Liberation"
# is rare everywhere and, as we read above, mostly quoted.
#
# ## 5. Keyness: what sets one outlet apart?
#
# A lexicon only finds what we thought of. **Keyness** works the other way round: it compares
# every word's frequency in one outlet (the *target*) with all the others (the *reference*)
# and ranks the words by how surprising the difference is. `helpers.keyness` reports the
# log-likelihood statistic G² (Dunning 1993; Rayson & Garside 2000), signed positive when the
# word is more frequent in the target, and the effect size `log_ratio` (Hardie 2014; 1 means
# twice as frequent, 3 means eight times). G² grows with the amount of data; the log ratio
# says how big the difference is. We use the same settings as the paper's figure: Sky News
# Arabia against the rest, words with at least 20 occurrences.

# %%
key = helpers.keyness(ant, ant["outlet"] == "Sky News Arabia", min_count=20)
key.head(5).round(2)

# %% [markdown]
# Arabic words need a gloss and, for readers who cannot read the script, a rough
# transliteration (`helpers.transliterate`; no vowels, not a scholarly standard). The glosses
# below are ours, written after reading each word's KWIC lines.

# %%
glosses = {
    "داعش": "Daesh", "الاميركية": "American (f.), Sky's spelling", "الاميركي": "American (m.), Sky's spelling",
    "بوتن": "Putin, Sky's spelling", "نيوز": "'News' (Sky News)", "سكاي": "'Sky'",
    "اميركية": "American (f.), Sky's spelling", "اميركي": "American (m.), Sky's spelling",
    "برس": "'Presse' (Agence France-Presse, AP)", "النظام": "the regime", "الارهابي": "the terrorist",
    "الايرانية": "Iranian (f.)", "امريكا": "America, other spelling", "نيسان": "April (Levantine month name)",
    "بوتين": "Putin, other spelling", "الامارات": "the Emirates", "السعودية": "Saudi Arabia",
    "دبي": "Dubai (Al Arabiya's dateline)", "العربية": "Al Arabiya / Arabic", "الدولة": "the State",
    "الاسلامية": "Islamic", "cnn": "CNN (its own name)", "الامريكي": "American (m.), other spelling",
    "الامريكية": "American (f.), other spelling", "ميليشيات": "militias", "الصحف": "the newspapers",
}
shown = pd.concat([key.head(12), key.tail(12)])
table = pd.DataFrame({"word": shown["feature"], "transliteration": shown["feature"].map(helpers.transliterate),
                      "gloss": shown["feature"].map(glosses), "Sky": shown["n_target"],
                      "others": shown["n_reference"], "G2": shown["g2"].round(1),
                      "log_ratio": shown["log_ratio"].round(2)}).reset_index(drop=True)
table

# %%
chart_labels = []
for word in key["feature"]:
    gloss = f"{glosses.get(word, '')} [{helpers.transliterate(word)}]"  # gloss [transliteration]
    chart_labels.append(helpers.label_with_gloss(word, gloss))
labelled = key.assign(feature=chart_labels)
ax = helpers.keyness_chart(labelled, n=12, target="Sky News Arabia", reference="other outlets",
                           title="Keyness: Sky News Arabia vs. the other ANT outlets")

# %% [markdown]
# Sort the key words into kinds before interpreting them:
#
# * **House spelling**: <span dir="rtl">الأميركية</span> against <span dir="rtl">الأمريكية</span>
#   ("American"), <span dir="rtl">بوتن</span> against <span dir="rtl">بوتين</span> (Putin). These
#   are style-guide choices, not frames, but they are a reminder to list every spelling in a lexicon.
# * **Self-reference and sources**: "Sky News" for Sky; "CNN", "Dubai" and "Al Arabiya" for the
#   others (datelines and bylines); "Presse" from "Agence France-Presse" credits.
# * **Naming choices**: "Daesh", "the terrorist" and "militias" for Sky, against "the Islamic
#   State" for the others (mostly France 24 and BBC Arabic); "the regime" is also key for Sky. These agree
#   with the frame rates above, found from the other direction.
#
# The paper's version of this chart is `helpers.figures.fig_keyness(data)`.
#
# ## 6. Collocates of <span dir="rtl">النظام</span> by outlet
#
# Keyness compares whole outlets. **Collocates** narrow the question to one word: which words
# keep company with <span dir="rtl">النظام</span> ("the regime") in each outlet? For every
# match of the node (found by the same clitic-aware matcher as the lexicons, so
# <span dir="rtl">والنظام</span> and <span dir="rtl">للنظام</span> count), `helpers.collocates`
# looks at the 5 words on each side and compares how often each word occurs there (`O`)
# with how often we would expect it there if it were spread evenly over the outlet's text
# (`E`). `G2` (log-likelihood) says how surprising the difference is, `MI` and `log_ratio`
# how strong the attraction is (MI favours rare words, so read it with `O`). Words are
# normalized and lose a leading <span dir="rtl">و</span>, <span dir="rtl">ب</span> or
# <span dir="rtl">ل</span> when the rest of the word is a common word of its own; stop words
# are dropped.

# %%
regime = helpers.collocates(ant, "النظام", window=5, by="outlet", min_freq=5)
regime.groupby("group").head(6)[["group", "collocate", "gloss", "O", "E", "G2", "MI", "log_ratio"]].round(2)

# %% [markdown]
# Everywhere, <span dir="rtl">السوري</span> ("Syrian") and <span dir="rtl">قوات</span>
# ("forces") lead: "the Syrian regime", "regime forces". The differences are further down.
# The chart shows one outlet; the number after each bar is `O`.

# %%
ax = helpers.collocates_chart(regime[regime["group"] == "Sky News Arabia"], n=12,
                              title="Collocates of النظام (±5 words), Sky News Arabia")

# %% [markdown]
# `helpers.compare_collocates` puts two outlets side by side and ranks the words by
# **keyness within the windows** (quanteda's `textstat_keyness` on the node's contexts):
# positive when a word is more typical of the first outlet's contexts, negative for the second.

# %%
pair = helpers.compare_collocates(ant, "النظام", groups=("Sky News Arabia", "BBC Arabic"), min_freq=5)
pd.concat([pair.head(6), pair.tail(6)]).round(2)

# %% [markdown]
# A collocate is a lead, not a finding. Before writing "Sky News Arabia places the regime among
# militias", read the lines: `first_doc` names an article, and the KWIC lines sorted by the
# word after the node (AntConc's sort) group the phrases that repeat.

# %%
sky = ant[ant["outlet"] == "Sky News Arabia"]
lines = helpers.kwic(sky, "النظام", window=6, sort="after")
helpers.show_kwic(lines[lines["after"].str.contains("الموال|ميليشي|الإيران", regex=True)].head(8))

# %% [markdown]
# ### Exercise: collocates of <span dir="rtl">المعارضة</span>
#
# Which words surround <span dir="rtl">المعارضة</span> ("the opposition") at Sky News Arabia
# and at France 24? Are the differences about *naming* (how the opposition is described) or
# about *topic* (which events each outlet covered)? Read a few KWIC lines before answering.
#
# *Hint:* `helpers.compare_collocates(ant, "المعارضة", groups=(...))`, then
# `helpers.kwic(..., sort="before")` on the articles of one outlet.

# %%
# Your code here

# %% [solution]
opp = helpers.compare_collocates(ant, "المعارضة", groups=("Sky News Arabia", "France 24"), min_freq=5)
display(pd.concat([opp.head(6), opp.tail(6)]).round(2))
f24 = ant[ant["outlet"] == "France 24"]
f24_lines = helpers.kwic(f24, "المعارضة", window=6, sort="before")
helpers.show_kwic(f24_lines[f24_lines["before"].str.contains("الفصائل")].head(6))

# %% [answer]
# **A possible answer.** France 24's contexts lean on <span dir="rtl">الفصائل</span>
# ("factions": "the opposition factions"), Sky News Arabia's on <span dir="rtl">مسلحي</span>
# ("gunmen of the opposition") and on places such as Idlib: a naming difference (factions
# against armed men) and a topic difference at once. Check the counts `O` before trusting a
# large keyness: a word seen three times can top the list.
#
# ## Exercise: BBC Arabic and Sky News Arabia on the government side
#
# Compare how BBC Arabic and Sky News Arabia name the Syrian government side (the group
# `government_side`: "the army", "regime forces", "government forces"). Use the `rates`
# table, draw the rates with their intervals, and write three or four sentences of
# interpretation that are honest about uncertainty and about what counts cannot tell you.
#
# Hint: keep the rows of the group for the two outlets with `rates["group"].isin([...])`, give them
# a `name` column as in section 4, and draw them with `helpers.rates_chart`. In your sentences,
# say which intervals overlap, and name one thing the counts cannot tell you.

# %%
# Your code here: start from rates[rates["category"] == "government_side"]

# %% [solution]
pair = rates[(rates["category"] == "government_side")
             & rates["group"].isin(["BBC Arabic", "Sky News Arabia"])].copy()
pair["name"] = [helpers.label_with_gloss(first_pattern[x], g) for x, g in zip(pair["label"], pair["gloss"])]
display(pair[["group", "gloss", "count", "articles", "rate", "low", "high"]].round(2))
ax = helpers.rates_chart(pair, label_col="name", title="Naming the government side: BBC Arabic vs. Sky News Arabia")
ax.set_xlim(left=0)
legend = ax.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))  # off the dots

# %% [answer]
# **A possible interpretation.** BBC Arabic mostly writes "government forces" (about 3.7 per
# 1,000 words) and rarely "regime forces" (about 0.7); Sky News Arabia does the reverse (about
# 3.8 "regime" against 1.6 "government"). Both use "the Syrian army" at a similar, lower rate.
# The intervals of the two outlets do not overlap for "regime" or "government", so the contrast
# is not an accident of which articles were sampled; for "the army" they overlap, and we cannot
# tell the outlets apart.
#
# What the counts cannot tell us: *why* (house style, editorial line, audience, or the sources
# each outlet quotes); whether a "regime" is in the outlet's own voice or inside a quotation
# (read the KWIC lines); or whether the pattern holds outside this ANT sample of 2018 articles.
# The group also mixes a political actor (<span dir="rtl">النظام السوري</span>, "the Syrian
# regime") with its forces, so part of the difference may be *what* is being discussed, not
# only how it is named.

# %% [markdown]
# ## What to read next
#
# * Robert M. Entman (1993), "Framing: toward clarification of a fractured paradigm",
#   *Journal of Communication* 43(4): 51–58.
# * Ted Dunning (1993), "Accurate methods for the statistics of surprise and coincidence",
#   *Computational Linguistics* 19(1); Paul Rayson & Roger Garside (2000), "Comparing corpora
#   using frequency profiling", Workshop on Comparing Corpora (ACL 2000): log-likelihood keyness.
# * Andrew Hardie (2014), "Log Ratio: an informal introduction", CASS blog (Lancaster
#   University): the effect-size measure used here.
# * Stefan Evert (2008), "Corpora and collocations", in Lüdeling & Kytö (eds.), *Corpus
#   Linguistics: An International Handbook*: the association measures behind `helpers.collocates`.
# * quanteda's `textstat_keyness()` and `kwic()` (https://quanteda.io/reference/textstat_keyness.html):
#   the same analyses in R, a useful cross-check.
# * Abdullah & Elareshi (2015), "Building Narratives: A Study of Terrorism Framing by Al Jazeera
#   and Al Arabiya TV Networks", *Arab Media & Society* 21; Alraee (2018), PhD thesis,
#   University of Canterbury, on Al Jazeera Arabic and RT Arabic coverage of the war on IS in
#   Syria (both cited in [`docs/corpus_notes.md`](../docs/corpus_notes.md), with the events).
# * The SCM (Syrian Center for Media and Freedom of Expression) hate-speech glossary of Syrian
#   media, on which names for the parties are loaded.
