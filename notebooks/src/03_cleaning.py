# %% [markdown]
# # 3. Cleaning Arabic text: normalization, tokens, stop words and stems
#
# **Goal.** By the end of this lesson you can say what each normalization step of the kit does, with
# an example from the seed article for each; you know which optional steps merge words that should
# stay apart; and you can turn a text into tokens, drop stop words, and compare three ways of
# grouping word forms (raw tokens, clitics split off, light stems). Allow 40 minutes.
#
# Why bother? A computer compares characters, not words. Arabic news text writes the same word in
# several ways — with or without short-vowel marks, with different forms of alef, with letters typed
# on a Persian keyboard — and, unless we *normalize*, each way is counted as a different word.

# %%
import unicodedata
from collections import Counter

import pandas as pd

import helpers

pd.set_option("display.width", 120)
pd.set_option("display.max_columns", 12)
pd.set_option("display.max_colwidth", 50)

seed = helpers.load_corpus("seed")
seed_text = seed.loc[0, "text"]
seed_tokens = helpers.tokenize(seed_text)  # raw words, explained below
print(len(seed_tokens), "words in the seed article")

# %% [markdown]
# ## The normalization steps, on the seed's own words
#
# `helpers.normalize(text)` applies a fixed sequence of steps, each one a keyword option that is on
# or off. Below, every example word is taken from the seed article. Many changes are invisible on
# screen, so next to each word we list the characters that the step removes or replaces, by their
# Unicode names.

# %%
from helpers.arabic import NORMALIZE_STEPS

STEP_NAMES = [name for name, _, _ in NORMALIZE_STEPS]  # the options of normalize, in order
print(STEP_NAMES)


def only(step: str) -> dict:
    """normalize() options with every step off except `step`."""
    return {name: name == step for name in STEP_NAMES}


def changed_chars(before: str, after: str) -> str:
    """Unicode names of the characters in `before` that `after` no longer has."""
    gone = Counter(before) - Counter(after)
    return ", ".join(unicodedata.name(ch).title().replace("Arabic ", "") for ch in gone)


examples = [
    ("إلی", "ilā, 'to'", "persian"),
    ("خلّفها", "khallafahā, 'left it behind'", "diacritics"),
    ("مسلحاً", "musallaḥan, 'gunman' (accusative)", "diacritics"),
    ("لـ(قسد)", "li-(QSD), 'to the SDF'", "tatweel"),
    ("الإنتصار", "al-intiṣār, 'the victory'", "alef"),
]
for word, _, _ in examples:
    assert word in seed_text  # really from the article
pd.DataFrame([
    {"word": w, "gloss": g, "step": step, "after this step": helpers.normalize(w, **only(step)),
     "characters changed": changed_chars(w, helpers.normalize(w, **only(step))),
     "fully normalized": helpers.normalize(w)}
    for w, g, step in examples
])

# %% [markdown]
# What each step is for:
#
# * **persian** — <span dir="rtl">إلی</span> looks exactly like the ordinary
#   <span dir="rtl">إلى</span> ("to"), but its last letter is the *Persian* yeh (U+06CC), typed on a
#   Persian keyboard; in this article, a trace of copying from an Iranian Arabic-language source.
#   Unnormalized, the commonest preposition would be split in two.
# * **diacritics** — short vowels, the doubling mark *shadda* (<span dir="rtl">ّ</span>) and the
#   case ending *tanwin* (<span dir="rtl">ً</span>) are usually left out of news text, and added here
#   and there for emphasis or clarity. Removing them makes <span dir="rtl">خلّفها</span> and
#   <span dir="rtl">خلفها</span> (which both occur in the seed) one word.
# * **tatweel** — the stretching stroke <span dir="rtl">ـ</span> (*kashida*) is decoration: here it
#   connects the preposition <span dir="rtl">لـ</span> to a bracket.
# * **alef** — hamza above or below alef (<span dir="rtl">أ إ آ</span>) is written inconsistently.
#   <span dir="rtl">الإنتصار</span> is in fact a common misspelling (the standard form has a plain
#   alef, <span dir="rtl">الانتصار</span>); after the step both spellings match.
#
# The remaining steps (invisible characters, digits, punctuation, spaces) are quieter:
# <span dir="rtl">٢٠١٧</span> becomes `2017`, the Arabic comma <span dir="rtl">،</span> becomes `,`,
# and zero-width or direction-control characters copied from web pages disappear.
#
# ### What normalization does *not* do
#
# The seed writes "and its allies" three ways, because the hamza's seat changes with the grammatical
# case (nominative <span dir="rtl">وحلفاؤه</span>, genitive <span dir="rtl">وحلفائه</span>, accusative
# <span dir="rtl">وحلفاءه</span>), and it spells Syria two ways, <span dir="rtl">سوريا</span> and
# <span dir="rtl">سورية</span> (*Sūriyā*, *Sūriya*). Normalization leaves all of them distinct:

# %%
normalized_counts = Counter(helpers.tokenize(seed_text, normalized=True))
variants = {"وحلفاؤه": "wa-ḥulafāʾuhu", "وحلفائه": "wa-ḥulafāʾihi", "وحلفاءه": "wa-ḥulafāʾahu",
            "سوريا": "Sūriyā", "سورية": "Sūriya"}
pd.DataFrame([{"word": w, "transliteration": t, "normalized": helpers.normalize(w),
               "count in seed": normalized_counts[helpers.normalize(w)]} for w, t in variants.items()])

# %% [markdown]
# The first three are grammar, and are handled later by splitting off clitics. The two Syrias are a
# *spelling choice* — <span dir="rtl">سورية</span> is the form the Syrian state media prefer — and no
# character rule should erase it: the kit's lexicons list both spellings instead (lesson 4).
#
# ### The whole article at once: `cleaning_report`
#
# `helpers.cleaning_report` runs the steps in order on a text and counts how many characters each
# one changed, with the first word it changed:

# %%
helpers.cleaning_report(seed_text)

# %% [markdown]
# Alef forms are by far the most frequent change (77 characters), then diacritics and punctuation.
# One caution when reading the `spaces` row: the change there is a no-break space after
# <span dir="rtl">يدعى</span> ("named"), which is invisible, so the before and after examples look
# the same.

# %% [markdown]
# ## Optional steps, and what they cost
#
# Two more foldings are common in search engines but **off** by default in the kit:
#
# * `alef_maqsura=True` turns <span dir="rtl">ى</span> into <span dir="rtl">ي</span>;
# * `ta_marbuta=True` turns <span dir="rtl">ة</span> into <span dir="rtl">ه</span>.
#
# They help when writers are careless (many Egyptian and online texts drop the dots), but they also
# merge **different words**. With alef maqsura folded, the preposition <span dir="rtl">على</span>
# (*ʿalā*, "on") becomes the name <span dir="rtl">علي</span> (*ʿAlī*). The seed has both: the village
# of Qasr Ali (<span dir="rtl">قصر علي</span>) is in its last sentence.

# %%
for option in (False, True):
    c = Counter(helpers.tokenize(seed_text, normalized=True, alef_maqsura=option))
    print(f"alef_maqsura={option!s:5}  'on' على: {c['على']:2}   'Ali' علي: {c['علي']:2}")

# %% [markdown]
# After folding, the one mention of the name is counted together with the 18 prepositions. Ta marbuta is worse, because the letter
# <span dir="rtl">ه</span> is also the pronoun "his/its" at the end of a word. The seed is too short
# to show it, so we count words in ANT (lesson 2). This takes a few seconds.

# %%
ant = helpers.load_corpus("antcorpus")
ant_counts = Counter()
for text in ant.text:
    ant_counts.update(helpers.tokenize(text, normalized=True))

pairs = [
    ("بلدة", "town", "بلده", "his country"),
    ("ابنة", "daughter", "ابنه", "his son"),
    ("وحدة", "unit; unity", "وحده", "alone, by himself"),
    ("حماة", "Hama (city)", "حماه", "Hama (variant spelling)"),
]
pd.DataFrame([{"with ة": a, "meaning": ga, "count": ant_counts[a], "with ه": b, "meaning ": gb,
               "count ": ant_counts[b], "folded": helpers.normalize(a, ta_marbuta=True)} for a, ga, b, gb in pairs])

# %% [markdown]
# In the first three rows, folding merges two unrelated words (a town and "his country" would be
# counted together). Only in the last row — two spellings of the city of Hama — does folding do what
# we want. That is why both options are off by default: it is better to list spelling variants
# explicitly than to merge every word that ends in these letters.

# %% [markdown]
# ## Tokens
#
# `helpers.tokenize` splits a text into words and drops punctuation and spaces. By default it keeps
# each word exactly as written; with `normalized=True` each token is normalized too.

# %%
sentence = "مشيراً إلى أن مسلحون من داعش سلّموا أنفسهم لـ(قسد) المدعومة أمريكياً"
assert sentence in seed_text
print(helpers.tokenize(sentence))
print(helpers.tokenize(sentence, normalized=True))

# %% [markdown]
# ("…indicating that gunmen from Daesh surrendered themselves to the SDF, which is backed by
# America.") Notice that an Arabic word can contain several English words: the preposition
# <span dir="rtl">ل</span> ("to") here stands alone only because of the stretching stroke and the
# bracket, but usually it is glued to the next word, like "and", "the" and "his". Tokens are still
# *written words*, not dictionary words; we come back to that below.
#
# ## Stop words
#
# The most frequent words of any text are little words: "in", "from", "on". They say little about
# framing, so we usually remove them before counting. The kit does not type its own list: it uses the
# maintained `arabic-stopwords` package, which also lists the forms these words take with clitics
# attached, normalized like our text.

# %%
stop = helpers.stopwords()
print(f"{len(stop):,} stop words (forms)")
probe = {"في": "in", "من": "from", "التي": "which (fem.)", "وكان": "and was", "لهم": "for them",
         "داعش": "Daesh", "الجيش": "the army"}
print({f"{w} ({g})": w in stop for w, g in probe.items()})
cleaned = helpers.remove_stopwords(helpers.tokenize(seed_text, normalized=True), stop)
print(len(seed_tokens), "tokens ->", len(cleaned), "after removing stop words and one-letter tokens")

# %% [markdown]
# A list made for general use is never exactly right for a study. In this article,
# <span dir="rtl">تم</span> (*tamma*, "was done", used to build passives) and
# <span dir="rtl">اليوم</span> ("today") carry no framing, so we add them; and the list contains
# <span dir="rtl">علي</span> (it includes alef-maqsura-folded spellings of <span dir="rtl">على</span>),
# which would remove the name Ali, so we take it out:

# %%
my_stop = helpers.stopwords(extra=["تم", "اليوم"], remove=["علي"])
print("تم" in stop, "->", "تم" in my_stop)
print("علي" in stop, "->", "علي" in my_stop)

# %% [markdown]
# ## Clitics and stems: what counts as "the same word"?
#
# Arabic attaches conjunctions, prepositions, the article and possessive pronouns to words:
# <span dir="rtl">وحلفائه</span> is *wa-* "and" + *ḥulafāʾ* "allies" + *-hi* "his". Two tools in the
# kit group word forms:
#
# * `helpers.split_clitics(token)` splits off these attached words conservatively and returns
#   (prefixes, stem, suffix), so the three spellings of "and its allies" meet at
#   <span dir="rtl">حلفاء</span>;
# * `helpers.light_stem(token)` goes further and also strips plural, dual and feminine endings, in the
#   manner of Larkey et al.'s *light10* stemmer.

# %%
words = ["وحلفاؤه", "وحلفائه", "وحلفاءه", "بالبوكمال", "للتنظيم", "والمسلحين", "الإرهابيين", "خلّفها"]
pd.DataFrame({
    "token": words,
    "transliteration": [helpers.transliterate(w) for w in words],
    "split_clitics": [" + ".join(p for p in helpers.split_clitics(w) if p) for w in words],
    "light_stem": [helpers.light_stem(w) for w in words],
})

# %% [markdown]
# How much does each choice shrink the vocabulary of the seed? We count distinct *types* (different
# forms) under four views of the same 619 tokens:

# %%
norm_tokens = helpers.tokenize(seed_text, normalized=True)
views = {
    "raw tokens": seed_tokens,
    "normalized tokens": norm_tokens,
    "clitics split (stems)": [helpers.split_clitics(t)[1] for t in norm_tokens],
    "light stems": [helpers.light_stem(t) for t in norm_tokens],
}
pd.DataFrame({"tokens": {k: len(v) for k, v in views.items()},
              "distinct types": {k: len(set(v)) for k, v in views.items()}})

# %% [markdown]
# Normalization removes only 8 types here (this article is fairly clean; copied web text often loses
# many more); splitting clitics removes another 34; light stemming 19 more. Fewer types means more evidence per type — and more risk of merging words
# that mean different things. You will look for such mergers in the exercise.

# %% [markdown]
# ## Top words before and after cleaning
#
# Finally, the picture that motivates all of this: the ten most frequent words of the seed counted on
# raw tokens, and on normalized tokens without stop words. Each label carries a rough
# transliteration (`helpers.transliterate`), so that you can tell the words apart without reading
# Arabic.

# %%
import matplotlib.pyplot as plt

helpers.use_house_style()


def top_words(tokens, n=10):
    top = pd.Series(Counter(tokens)).sort_values(ascending=False, kind="stable").head(n)
    return top.rename(lambda w: helpers.label_with_gloss(w, helpers.transliterate(w)))


fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2), layout="constrained")
helpers.bar_chart(top_words(seed_tokens), ax=left, title="Raw tokens", xlabel="occurrences")
helpers.bar_chart(top_words(helpers.remove_stopwords(norm_tokens, my_stop)), ax=right,
                  title="Normalized, stop words removed", xlabel="occurrences", color="#009E73")
plt.show()

# %% [markdown]
# On the left, the top of the list is "in" (*fy*), "from" (*mn*) and "on" (*'la*): they tell us
# nothing about this article. On the right the article's subject appears: Daesh (*da'sh*), the
# Syrian army (*al-jysh*, *al-swry*), Al-Bukamal, Syria, and the frame word "liberation" (*thryr*).
# Note that <span dir="rtl">وحلفائه</span> ("and its allies") is still counted on its own, separately
# from its other two spellings: to merge them, count stems instead of tokens.

# %% [markdown]
# **Exercise.** Light stemming is a blunt tool. Group the distinct normalized tokens of the seed by
# their `light_stem` and list the groups that hold more than one form. Find at least two groups where
# **unrelated** words were merged, and say which rule of the stemmer (a prefix or a suffix it
# removed) caused it. Use `helpers.transliterate` to help you, and `helpers.split_clitics` to see
# which prefix was taken off.
#
# Hint: build a dictionary from stem to forms with a loop over `sorted(set(norm_tokens))` and
# `groups.setdefault(helpers.light_stem(token), []).append(token)`; then keep the stems with more
# than one form and read their transliterations. Look for stems that lost a single letter at the
# start or the end.

# %% [solution]
groups = {}
for token in sorted(set(norm_tokens)):
    groups.setdefault(helpers.light_stem(token), []).append(token)
merged = pd.DataFrame(
    [{"stem": s, "forms": " / ".join(f), "transliterated": " / ".join(helpers.transliterate(x) for x in f)}
     for s, f in groups.items() if len(f) > 1]
)
print(len(merged), "stems group more than one form; three suspicious ones:")
merged[merged.stem.isin(["يات", "رار", "سور"])]
# * يات: وياتي "and it comes" (wa-yaʾtī) and اليات "the vehicles" (al-āliyyāt, from آليات) share a
#   stem only because "و" (and) and "ال" (the) were stripped and then the endings "ي" / "ات".
# * رار: فرار "flight, escape" lost its first letter ف, which the stemmer took for the conjunction
#   "fa-" ("so"); فراره "his flight" follows. (The stem is no longer a word at all.)
# * سور: السوري "the Syrian" and سورية "Syria" become سور, which is the word for "wall"; and the other
#   spelling سوريا stays apart, so the stemmer both over- and under-merges the country's name.
# Rules that strip single letters (و ف ب ل ك at the start, ي ة ه at the end) cause most such errors;
# a morphological analyser (e.g. CAMeL Tools) checks candidate stems against a dictionary instead.

# %% [markdown]
# ## What to read next
#
# * Nizar Y. Habash (2010), *Introduction to Arabic Natural Language Processing*, Morgan & Claypool —
#   chapter 2 (script, orthographic variation) and chapter 4 (morphology, clitics, tokenization
#   schemes).
# * Leah S. Larkey, Lisa Ballesteros and Margaret E. Connell (2007), "Light Stemming for Arabic
#   Information Retrieval", in *Arabic Computational Morphology*, Springer — the *light10* stemmer
#   that `light_stem` imitates, and why light stemming works well for search.
# * Ossama Obeid et al. (2020), "CAMeL Tools: An Open Source Python Toolkit for Arabic Natural
#   Language Processing", *LREC 2020*; documentation at <https://camel-tools.readthedocs.io> (its
#   `dediac`, `normalize_*` utilities and morphological analyser). The kit does not depend on it
#   (it pulls a 2 GB install), but it is the next step up from `split_clitics`.
# * Taha Zerrouki, *Arabic Stop Words* (the `arabic-stopwords` package),
#   <https://github.com/linuxscout/arabicstopwords> — how the list and its inflected forms are built.
# * The quanteda documentation on tokens, stop words and document-feature matrices
#   (<https://quanteda.io>) — the same ideas for corpus vocabulary, in R.
# * The next lessons match lexicons of framing terms against text cleaned exactly this way.
