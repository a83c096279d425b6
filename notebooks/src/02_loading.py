# %% [markdown]
# # 2. Loading corpora: one table for every source, and a report of what went wrong
#
# **Goal.** By the end of this lesson you can load the seed article, SaudiNewsNet and ANT with one
# function, you know what each column of the resulting table means (and which ones to distrust),
# you can read the *load report* that lists every record skipped, flagged or repaired, and you can
# load your own articles from a CSV file, a folder of text files, or saved web pages. Allow about
# 40 minutes; loading SaudiNewsNet takes a few seconds.
#
# The one function is `helpers.load_corpus(source)`. Whatever the source, it returns a pandas
# DataFrame with one row per article and the same columns, so that every later lesson works on any
# corpus.

# %%
import pandas as pd

import helpers

pd.set_option("display.width", 120)
pd.set_option("display.max_columns", 12)
pd.set_option("display.max_colwidth", 60)

# %% [markdown]
# ## The seed article, column by column

# %%
seed = helpers.load_corpus("seed")
seed.shape

# %% [markdown]
# The first fifteen columns are the kit's *schema*, the same for every source; a source may add
# its own columns after them (here `file` and `notes`, from the seed's `metadata.csv`). The list
# lives in `helpers.corpus.SCHEMA`. Here is each column with the seed's value, shortened:

# %%
from helpers.corpus import SCHEMA

print(SCHEMA)
seed.loc[0, SCHEMA].astype(str).str.replace("\n", " ⏎ ").str.slice(0, 55).to_frame("seed")

# %% [markdown]
# What they mean, briefly:
#
# * `doc_id` — a unique id; `dataset` — where the row came from; `outlet` — the publisher.
# * `date` — always a timezone-aware UTC timestamp (or `NaT` when unknown), so dates from different
#   sources can be compared. **`date_inferred`** says whether to trust it as a publication time:
#   `True` means it is a guess or a proxy. For the seed, the day was inferred from the text ("today,
#   Sunday"), and only the day is known — the 00:00 is not a time of publication.
# * `title`, `text`, `furniture` — the headline, the body, and the *page furniture* cut off the end.
# * `url`, `author`, `category`, `language` — as given by the source.
# * `source_file` — the file the row came from, so you can always go back to the original.
# * `is_empty`, `duplicate_of` — flags for empty texts and texts that repeat an earlier article.
#
# ### Title, text and furniture
#
# The seed file is a page saved from a news site: a section name on line 1, the headline, the body,
# then four lines the website adds to every page. Those lines are not part of the article, and
# counting them would make every article from that site look alike. The loader splits them off:

# %%
print(seed.loc[0, "furniture"])

# %% [markdown]
# <div dir="rtl">مقالات ذات صلة / اترك تعليقاً / لن يتم نشر عنوان بريدك الإلكتروني… / زر الذهاب إلى الأعلى</div>
#
# "Related articles / Leave a comment / Your e-mail address will not be published… / Back to top
# button" — a WordPress theme's standard footer. The body starts with the first sentence of the
# report, and the headline is in `title`:

# %%
print("title:", seed.loc[0, "title"])
print("text starts:", seed.loc[0, "text"][:60])

# %% [markdown]
# (*"Al-Bukamal, the last stronghold of Daesh in Syria, entirely in the grip of the army and its
# allies"*; the text starts *"Today, Sunday, the city of Al-Bukamal was liberated…"*.)

# %% [markdown]
# ## SaudiNewsNet: 14 Saudi newspapers, summer 2015
#
# SaudiNewsNet (Alhagri 2015) is 31,030 articles crawled from Saudi news websites between 21 July and
# 11 August 2015, stored as one zip file per crawl day, each holding a JSON array. The kit reads the
# files in their original form and checks them against their registered checksums first.

# %%
snn = helpers.load_corpus("saudinewsnet")
print(f"{len(snn):,} rows")
snn.outlet.value_counts().rename_axis("outlet").to_frame("articles")

# %% [markdown]
# ### Its date is a crawl time
#
# SaudiNewsNet records only `date_extracted`: when the crawler fetched the page, in Riyadh time.
# The kit keeps that raw string, converts it to UTC in `date`, and marks every row
# `date_inferred=True`. An article crawled on 21 July may have been published days earlier; the
# address of this one, for instance, contains 2015/07/13:

# %%
snn.loc[754, ["outlet", "date_extracted", "date", "date_inferred", "url"]].to_frame("value")

# %% [markdown]
# So never read SaudiNewsNet's `date` as "the day the newspaper published this". It is fine for
# coarse questions (July versus August 2015), not for "who reported it first".
#
# ### The load report
#
# Nothing is dropped silently. Every load attaches a report with one row per record that was
# skipped, flagged or repaired, and why. For SaudiNewsNet it is long, so we summarize it by action
# and by the kind of reason (the reason for a duplicate names the article it repeats; we strip that
# id to group them):

# %%
report = helpers.load_report(snn)
print(len(report), "report rows")
kind = report.reason.str.replace(r" of \S+$", "", regex=True)
report.assign(reason=kind).groupby(["action", "reason"]).size().to_frame("rows")

# %%
report.head(3)

# %% [markdown]
# Two problems, both flagged rather than removed:
#
# * **354 empty texts**: the crawler saved the page but not its body (often a photo gallery or a
#   page that needed JavaScript). They would count as articles with zero words.
# * **576 repeated texts**: a non-empty text identical to an earlier row's. `duplicate_of` names
#   that earlier row, so you can look at both.
#
# Per outlet:

# %%
flags = pd.DataFrame({
    "articles": snn.groupby("outlet").size(),
    "empty": snn.groupby("outlet").is_empty.sum(),
    "repeated": snn.duplicate_of.notna().groupby(snn.outlet).sum(),
})
flags.sort_values("articles", ascending=False)

# %% [markdown]
# Why not drop them right away? Because whether a repeat matters depends on the question. If you
# count how often *outlets* use a word, a story printed twice inflates that outlet; if you study how
# a wire story *spreads* between outlets, the repeats are the data. When you do want them gone,
# `deduplicate` drops the empty rows and every repeat except the first copy, in one call, and adds
# what it dropped to the report:

# %%
snn_clean = helpers.deduplicate(snn)
print(f"{len(snn):,} rows -> {len(snn_clean):,} rows")
helpers.load_report(snn_clean).action.value_counts()

# %% [markdown]
# ## ANT: five international Arabic outlets, 2018 (Syria subset)
#
# ANT (Chouigui et al. 2017) collects articles from the Arabic websites of Al Arabiya, BBC, CNN,
# France 24 and Sky News. The kit registers a subset: the 2,765 articles from the international and
# Middle East sections that mention Syria (<span dir="rtl">سوري</span>, *sūrī*) in the title or lead.

# %%
ant = helpers.load_corpus("antcorpus")
print(f"{len(ant):,} rows")
ant.outlet.value_counts().rename_axis("outlet").to_frame("articles")

# %% [markdown]
# Here `date` is the outlet's own publication time (from each article's `<TIME>` field), so
# `date_inferred` is `False`. Articles per month:

# %%
ant.groupby(ant.date.dt.strftime("%Y-%m")).size().rename_axis("month").to_frame("articles").T

# %% [markdown]
# Most articles date from February to October 2018, but a handful are from 2013–14: older opinion
# pieces that were still linked from the section pages when the corpus was collected. Check the date
# range before you compare months!

# %%
ant.loc[ant.date.dt.year < 2015, ["doc_id", "outlet", "date"]].head(3)

# %% [markdown]
# ### TREC files are not guaranteed to be XML
#
# Each ANT article is a small text file in the "TREC" style used by information-retrieval
# collections: fields between tags such as `<TITLE>` and `<TEXT>`. Let us look at the start of one
# (the kit tells us where the files are; we print only the file's own contents):

# %%
ant_root = helpers.fetch("antcorpus")
first = ant.loc[0, "source_file"]
print(first)
print((ant_root / first).read_text(encoding="utf-8")[:420])

# %% [markdown]
# It looks like XML, but the format does not promise well-formed XML: nothing stops a title from
# containing a bare `&` or a `<`, or a closing tag from going missing, and an XML parser then
# rejects the whole file. (Every file of this subset happens to parse; the full collection is
# larger.) The kit reads these files with a small defensive parser, `helpers.corpus.parse_trec`, that
# reads each field up to its closing tag or the next known tag and reports what it repaired. A
# made-up broken record:

# %%
import xml.etree.ElementTree as ET

from helpers.corpus import parse_trec

broken = "<DOC><DOCNO>demo-1</DOCNO><TITLE>AT&T و سوريا<TEXT>نص المقال</TEXT></DOC>"
try:
    ET.fromstring(broken)
except ET.ParseError as exc:
    print("XML parser:", exc)
fields, repairs = parse_trec(broken)
print("kit parser:", fields)
print("repairs:", repairs)

# %% [markdown]
# In ANT, France 24 accounts for almost all repeated texts: the same article was filed under both
# sections of the site.

# %%
ant.duplicate_of.notna().groupby(ant.outlet).sum().to_frame("repeated")

# %% [markdown]
# ## Bringing your own articles
#
# A class often wants its own material: a spreadsheet of articles, a folder of texts, pages saved
# from a browser. `load_corpus` accepts all three, and its promise is the same as for the
# registered corpora: every record of your file is either a row of the table or a row of the load
# report that says why not.
#
# ### 1. A CSV file or spreadsheet from a scraper
#
# The kit ships a small example in `corpus/examples/`: `syria_news.csv`, and the same articles as
# an Excel sheet, `syria_news.xlsx`. They are twelve short articles **written for the kit** in the
# style of Syrian-war coverage (2017-18), from four invented outlets; they are teaching material,
# not news reports. The header is what a scraper typically writes, not the kit's own names:

# %%
import tempfile
from pathlib import Path

example = Path("../corpus/examples/syria_news.csv")
print(example.read_text(encoding="utf-8")[:180])

# %% [markdown]
# `id, source, published, headline, body, link`: none of these is a schema column, but each is in
# the kit's table of *aliases* (`helpers.corpus.COLUMN_ALIASES`, which also knows the Arabic names
# <span dir="rtl">المصدر، التاريخ، العنوان، النص، الرابط</span>):

# %%
mine = helpers.load_corpus(example)
mine[["doc_id", "outlet", "date", "title", "is_empty", "duplicate_of"]]

# %%
helpers.load_report(mine)

# %% [markdown]
# Read the report from the top:
#
# * a `noted` row says how each column was mapped, so you can check that `source` really is the
#   outlet. A column the table does not know is listed as *not used* and kept after the schema
#   columns; if it holds, say, the text, name it yourself:
#   `helpers.load_corpus(path, columns={"story": "text"})`.
# * `n008` is flagged as an empty text: on the website it was a photo gallery.
# * `n007` repeats the text of `n006` word for word: two outlets printed the same wire report
#   under different headlines. `duplicate_of` points at the first copy.
#
# The date of `n004` was typed by hand as <span dir="rtl">٢٠ تشرين الثاني ٢٠١٧</span>: Arabic-Indic
# digits and the Levantine name of November. It was read as 20 November 2017, as the table shows;
# Egyptian/Gulf month names (<span dir="rtl">نوفمبر</span>) work too. The other dates carry a time
# zone (`+03:00`) and are converted to UTC. The spreadsheet gives the same table:

# %%
from_excel = helpers.load_corpus("../corpus/examples/syria_news.xlsx")
columns = ["doc_id", "outlet", "date", "title", "text"]
from_excel[columns].equals(mine[columns])

# %% [markdown]
# ### When the loader refuses: a date it cannot settle
#
# Is `03/04/2018` the 3rd of April or March the 4th? Day-first is usual in the Arab world,
# month-first in software set up for the United States. If one date in the column settles it (a
# `19/11/2017` can only be day-first), the loader uses that order and notes it in the report. If
# none does, it refuses rather than guess, and says what to do:

# %%
with tempfile.TemporaryDirectory() as tmp:
    dates_file = Path(tmp) / "dates.csv"
    dates_file.write_text("id,text,date\n1,نص أول,03/04/2018\n2,نص ثان,05/06/2018\n", encoding="utf-8")
    try:
        helpers.load_corpus(dates_file)
    except helpers.CorpusError as exc:
        print(exc)
    settled = helpers.load_corpus(dates_file, dayfirst=True)
settled[["doc_id", "date"]]

# %% [markdown]
# Dates that cannot be read at all (`yesterday`, a Hijri year such as 1439 typed as if it were
# Gregorian) become `NaT` and each gets a report row; they never stop the load. The README's
# section "Bringing your own corpus" lists everything the loader reports and refuses.
#
# ### 2. A folder of text files with `metadata.csv`
#
# This is the kit's own format, the one the seed uses: one plain-text file per article, and a
# `metadata.csv` (editable in any spreadsheet) with a row per file. Older Arabic files are often not
# UTF-8 but **Windows-1256**, the Arabic code page of older Windows systems. We save the second file
# that way on purpose, and name a third file that does not exist.

# %%
one = "أعلن الجيش السوري السيطرة على مدينة البوكمال بالكامل.\n\nمقالات ذات صلة\nاترك تعليقاً\n"
two = ("قالت مصادر معارضة إن قوات النظام وميليشيات إيرانية دخلت مدينة البوكمال "
       "على الحدود مع العراق بعد معارك مع تنظيم الدولة.")
meta = pd.DataFrame({
    "file": ["one.txt", "two.txt", "three.txt"],
    "outlet": ["Outlet A", "Outlet B", "Outlet C"],
    "date": ["2017-11-19", "2017-11-19", "2017-11-20"],
})
with tempfile.TemporaryDirectory() as tmp:
    folder = Path(tmp) / "my_articles"
    folder.mkdir()
    (folder / "one.txt").write_text(one, encoding="utf-8")
    (folder / "two.txt").write_bytes(two.encode("cp1256"))  # Windows-1256
    meta.to_csv(folder / "metadata.csv", index=False)
    folder_corpus = helpers.load_corpus(folder)

display(folder_corpus[["doc_id", "dataset", "outlet", "text", "furniture"]])
helpers.load_report(folder_corpus)

# %% [markdown]
# The two texts, glossed: "The Syrian army announced control of the whole city of Al-Bukamal" and
# "Opposition sources said that regime forces and Iranian militias entered the city of Al-Bukamal on
# the border with Iraq after battles with the Islamic State organization" — two framings of one event.
#
# Read the report: the Windows-1256 file was detected (with `charset-normalizer`, not guessed) and
# decoded correctly — the text above is readable, not mojibake — and the repair is recorded; the
# missing file was skipped and named. The furniture lines were split off `one.txt` as in the seed.
#
# ### 3. Saved web pages
#
# A folder of `.html` files (for example pages saved with the browser's *Save Page As*) is read with
# **trafilatura**, a library built to find the main text of a web page and its metadata, dropping
# menus and footers. We write a small page by hand, with a menu and a footer around the article:

# %%
page = """<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>الجيش يستعيد البوكمال</title>
<meta property="og:site_name" content="Example News">
<meta name="author" content="Staff reporter">
<meta property="article:published_time" content="2017-11-19T10:00:00+03:00">
<link rel="canonical" href="https://example.org/news/albukamal">
</head><body>
<nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/sport">رياضة</a></li></ul></nav>
<article><h1>الجيش يستعيد البوكمال</h1>
<p>أعلنت القيادة العامة للجيش اليوم الأحد استعادة السيطرة الكاملة على مدينة البوكمال في ريف دير الزور الشرقي بعد معارك استمرت أياماً.</p>
<p>وقالت مصادر ميدانية إن وحدات الهندسة بدأت تفكيك الألغام والعبوات التي تركها المسلحون في الأحياء الغربية من المدينة.</p>
<p>وتقع البوكمال على الضفة الغربية لنهر الفرات قرب الحدود مع العراق، وكانت آخر مدينة كبيرة يسيطر عليها التنظيم في سوريا.</p>
</article>
<footer><p>جميع الحقوق محفوظة</p><a href="#">اترك تعليقاً</a></footer>
</body></html>"""
with tempfile.TemporaryDirectory() as tmp:
    pages = Path(tmp) / "saved_pages"
    pages.mkdir()
    (pages / "albukamal.html").write_text(page, encoding="utf-8")
    web_corpus = helpers.load_corpus(pages)

web_corpus.loc[0, ["doc_id", "outlet", "date", "title", "url", "author"]].to_frame("value")

# %%
print(web_corpus.loc[0, "text"])

# %% [markdown]
# The menu (<span dir="rtl">الرئيسية</span> "Home", <span dir="rtl">رياضة</span> "Sport") and the
# footer (<span dir="rtl">جميع الحقوق محفوظة</span> "All rights reserved") are gone; the title,
# site name, author, address and date came from the page's metadata. Note that only the **day** was
# kept from the publication time (trafilatura extracts dates, not times). The headline is "The army
# recaptures Al-Bukamal" — <span dir="rtl">يستعيد</span> (*yastaʿīd*, "recaptures"), a third verb for
# the event after "liberated" and "took control".

# %% [markdown]
# **Exercise.** Which SaudiNewsNet outlet has the most repeated texts? Look at a few of its repeats
# next to the article they repeat (compare `url`, `title` and `source_file`) and suggest why they
# are there. Is it the newspaper repeating itself, or the way the corpus was collected? Does the
# answer change whether you should drop them?
#
# Hint: `snn[snn.duplicate_of.notna()]` holds the repeats, and `duplicate_of` is the `doc_id` of the
# article each one repeats; `snn.set_index("doc_id").loc[...]` fetches those originals, so you can
# put the two `url` columns side by side.

# %% [solution]
repeats = snn[snn.duplicate_of.notna()]
print(repeats.outlet.value_counts().head(3))
top = repeats.outlet.value_counts().index[0]
by_id = snn.set_index("doc_id")
pairs = repeats[repeats.outlet == top].head(4)
originals = by_id.loc[pairs.duplicate_of]
pd.DataFrame({
    "repeat_url_ends": pairs.url.str[-16:].values,
    "original_url_ends": originals.url.str[-16:].values,
    "same_title": pairs.title.values == originals.title.values,
    "same_crawl_file": pairs.source_file.values == originals.source_file.values,
})
# Almadina (455 repeats) stands out. Each repeat has the same title, usually comes from the same
# crawl day, and the two addresses differ only by a query string such as "?live" or "?weekly":
# the crawler reached one article through several listing pages and saved it each time. These are
# artefacts of collection, not editorial choices, so drop them before comparing outlets
# (`helpers.deduplicate`). Repeats *across* outlets (e.g. alyaum texts first seen in almadina) are
# different: they are shared wire copy, which may itself be worth studying.

# %% [markdown]
# ## What to read next
#
# * Mazen Abdulaziz Alhagri (2015), *Saudi Newspapers Arabic Corpus (SaudiNewsNet)*,
#   <https://github.com/inparallel/SaudiNewsNet> — how the data were crawled, and the JSON fields.
# * Amina Chouigui, Oussama Ben Khiroun and Bilel Elayeb (2017), "ANT Corpus: An Arabic News Text
#   Collection for Textual Classification", *AICCSA 2017* — the outlets, sections and file format.
# * Adrien Barbaresi (2021), "Trafilatura: A Web Scraping Library and Command-Line Tool for Text
#   Discovery and Extraction", *ACL-IJCNLP 2021 System Demonstrations*; and the trafilatura
#   documentation, <https://trafilatura.readthedocs.io>.
# * Nizar Y. Habash (2010), *Introduction to Arabic Natural Language Processing*, Morgan & Claypool,
#   chapter 2 — Arabic script encodings, including Windows-1256 and ISO-8859-6.
# * The docstrings of `helpers.corpus` (`help(helpers.corpus)`): every reader and every column.
# * Next lesson: **3. Cleaning Arabic text** — normalization, tokens, stop words and stems.
