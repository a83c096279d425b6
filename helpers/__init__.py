"""Itar (إطار): a corpus and teaching kit for studying how Arabic news media frame events.

The public API, by pipeline stage (each name has a docstring with an example):

* corpora: :func:`load_corpus`, :func:`load_report`, :func:`deduplicate`, :func:`registry`, :func:`fetch`
* Arabic text: :func:`normalize`, :func:`tokenize`, :func:`stopwords`, :func:`remove_stopwords`,
  :func:`split_clitics`, :func:`light_stem`, :func:`cleaning_report`, :func:`transliterate`
* lexicons: :class:`Lexicon`, :func:`find_terms`, :func:`count_terms`, :func:`word_counts`
* analysis: :func:`kwic`, :func:`sort_kwic`, :func:`cooccurrence`, :func:`cooccurrence_graph`,
  :func:`keyness`, :func:`frequencies`, :func:`document_features`, :func:`rates_by_group`, :func:`sentences`
* charts: :func:`use_house_style`, :func:`bar_chart`, :func:`rates_chart`, :func:`heatmap`,
  :func:`timeline`, :func:`keyness_chart`, :func:`network_chart`, :func:`word_cloud`,
  :func:`highlight`, :func:`label_with_gloss`, :func:`check_arabic_rendering`, :func:`shaping_status`
* display: :func:`show`, :func:`show_table`, :func:`show_kwic`, :func:`isolate`, :func:`text_view`,
  :func:`table_view`, :func:`kwic_view`
* exploring in JupyterLab (widgets): :func:`kwic_browser`, :func:`rates_explorer`
* paper figures: :func:`make_figures`
* scale: :func:`write_parquet_corpus`, :func:`iter_batches`, :func:`iter_counts`, :func:`count_terms_stream`,
  :func:`read_corpus_dask`, :func:`count_terms_dask`, :func:`frequencies_dask`, :func:`dask_client`

Example:
    >>> import helpers
    >>> helpers.count_terms(["دخل الجيش السوري البوكمال"], "corpus/lexicons/entities.csv")[["albukamal"]].iloc[0, 0]
    np.int64(1)
"""
from .analysis import (cooccurrence, cooccurrence_graph, document_features, frequencies, keyness, kwic,
                       rates_by_group, sentences, sort_kwic)
from .arabic import (cleaning_report, light_stem, normalize, remove_stopwords, split_clitics, stopwords,
                     tokenize, transliterate)
from .charts import (bar_chart, check_arabic_rendering, heatmap, highlight, keyness_chart, label_with_gloss,
                     network_chart, rates_chart, render_text, shaping_status, timeline, use_house_style, word_cloud)
from .corpus import CorpusError, deduplicate, load_corpus, load_report
from .display import isolate, kwic_view, show, show_kwic, show_table, table_view, text_view
from .datasets import DatasetError, fetch, registry
from .explore import kwic_browser, rates_explorer
from .figures import make_figures
from .lexicon import Lexicon, LexiconError, count_terms, find_terms, word_counts
from .scale import (count_terms_dask, count_terms_stream, dask_client, frequencies_dask, iter_batches, iter_counts,
                    read_corpus_dask, write_parquet_corpus)

__version__ = "0.1.0"

__all__ = [
    "CorpusError",
    "DatasetError",
    "Lexicon",
    "LexiconError",
    "bar_chart",
    "check_arabic_rendering",
    "cleaning_report",
    "cooccurrence",
    "cooccurrence_graph",
    "count_terms",
    "count_terms_dask",
    "count_terms_stream",
    "dask_client",
    "deduplicate",
    "document_features",
    "fetch",
    "find_terms",
    "frequencies",
    "frequencies_dask",
    "heatmap",
    "highlight",
    "isolate",
    "iter_batches",
    "iter_counts",
    "keyness",
    "keyness_chart",
    "kwic",
    "kwic_browser",
    "kwic_view",
    "label_with_gloss",
    "light_stem",
    "load_corpus",
    "load_report",
    "make_figures",
    "network_chart",
    "normalize",
    "rates_by_group",
    "rates_chart",
    "rates_explorer",
    "read_corpus_dask",
    "registry",
    "remove_stopwords",
    "render_text",
    "sentences",
    "shaping_status",
    "sort_kwic",
    "show",
    "show_kwic",
    "show_table",
    "split_clitics",
    "stopwords",
    "table_view",
    "text_view",
    "timeline",
    "tokenize",
    "transliterate",
    "use_house_style",
    "word_cloud",
    "word_counts",
    "write_parquet_corpus",
]
