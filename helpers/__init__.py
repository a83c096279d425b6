"""Itar (إطار): a corpus and teaching kit for studying how Arabic news media frame events.

The public API, by pipeline stage (each name has a docstring with an example):

* corpora: :func:`load_corpus`, :func:`load_report`, :func:`deduplicate`, :func:`registry`, :func:`fetch`,
  :func:`kit_lexicons`
* Arabic text: :func:`normalize`, :func:`tokenize`, :func:`stopwords`, :func:`remove_stopwords`,
  :func:`split_clitics`, :func:`light_stem`, :func:`cleaning_report`, :func:`transliterate`
* own voice and quotations: :func:`quoted_spans`, :func:`voice_at`
* lexicons: :class:`Lexicon`, :func:`find_terms`, :func:`count_terms`, :func:`word_counts`, :func:`topic_filter`, :func:`topic_scope`
* analysis: :func:`kwic`, :func:`sort_kwic`, :func:`cooccurrence`, :func:`cooccurrence_graph`,
  :func:`keyness`, :func:`frequencies`, :func:`document_features`, :func:`rates_by_group`, :func:`sentences`,
  :func:`wilson_interval`
* validation: :func:`sample_matches`, :func:`write_coding_sheet`, :func:`read_coding_sheet`,
  :func:`strip_context`, :func:`attach_context`, :func:`precision_table`, :func:`recall_table`,
  :func:`read_mentions`, :func:`locate_mentions`, :func:`voice_accuracy`, :func:`coder_agreement`, :func:`adjudicate`, :func:`flag_labels`,
  :func:`load_validation`, :func:`sample_articles`, :func:`lexicon_precision`
* exploring beyond the lexicon: :func:`collocates`, :func:`compare_collocates`, :func:`ngrams`,
  :func:`ngrams_to_lexicon`, :func:`occurrences`, :func:`dispersion`, :func:`gries_dp`, :func:`attention`,
  :func:`compare_windows`, :func:`topics` (:class:`TopicModel`), :func:`word_forms`
* charts: :func:`use_house_style`, :func:`bar_chart`, :func:`rates_chart`, :func:`heatmap`,
  :func:`timeline`, :func:`keyness_chart`, :func:`network_chart`, :func:`word_cloud`,
  :func:`highlight`, :func:`label_with_gloss`, :func:`check_arabic_rendering`, :func:`shaping_status`,
  :func:`repel_labels`, :func:`fit_for_print`, :func:`collocates_chart`, :func:`dispersion_plot`,
  :func:`attention_chart`
* display (right-to-left text, tables and KWIC): :func:`show`, :func:`show_table`, :func:`show_kwic`,
  :func:`show_figure`, :func:`isolate`, :func:`text_view`, :func:`table_view`, :func:`kwic_view`
* widgets for JupyterLab: :func:`kwic_browser`, :func:`rates_explorer`
* paper figures: :func:`make_figures`, :func:`load_figure_config` (a figure configuration, TOML)
* scale: :func:`write_parquet_corpus`, :func:`iter_batches`, :func:`iter_counts`, :func:`count_terms_stream`,
  :func:`read_corpus_dask`, :func:`count_terms_dask`, :func:`frequencies_dask`, :func:`dask_client`

Example:
    >>> import helpers
    >>> helpers.count_terms(["دخل الجيش السوري البوكمال"], "entities")[["albukamal"]].iloc[0, 0]
    np.int64(1)
"""
from .analysis import (cooccurrence, cooccurrence_graph, document_features, frequencies, keyness, kwic,
                       rates_by_group, sentences, sort_kwic, wilson_interval)
from .arabic import (cleaning_report, light_stem, normalize, remove_stopwords, split_clitics, stopwords,
                     tokenize, transliterate)
from .charts import (attention_chart, bar_chart, check_arabic_rendering, collocates_chart, dispersion_plot,
                     fit_for_print, heatmap, highlight, keyness_chart, label_with_gloss, network_chart, rates_chart,
                     render_text, repel_labels, shaping_status, timeline, use_house_style, word_cloud)
from .corpus import CorpusError, deduplicate, load_corpus, load_report
from .datasets import DatasetError, fetch, kit_lexicons, registry
from .display import isolate, kwic_view, show, show_figure, show_kwic, show_table, table_view, text_view
from .explore import (TopicModel, attention, collocates, compare_collocates, compare_windows, dispersion, gries_dp,
                      ngrams, ngrams_to_lexicon, occurrences, topics, word_forms)
from .figures import load_config as load_figure_config
from .figures import make_figures
from .lexicon import Lexicon, LexiconError, count_terms, find_terms, topic_filter, topic_scope, word_counts
from .scale import (count_terms_dask, count_terms_stream, dask_client, frequencies_dask, iter_batches, iter_counts,
                    read_corpus_dask, write_parquet_corpus)
from .validation import (ValidationError, attach_context, flag_labels, lexicon_precision, load_validation,
                         locate_mentions, precision_table, read_coding_sheet, read_mentions, recall_table,
                         sample_articles, sample_matches, strip_context, voice_accuracy, write_coding_sheet,
                         coder_agreement, adjudicate)
from .voice import quoted_spans, voice_at
from .widgets import kwic_browser, rates_explorer

__version__ = "0.1.0"

__all__ = [
    "CorpusError",
    "DatasetError",
    "Lexicon",
    "LexiconError",
    "TopicModel",
    "ValidationError",
    "attach_context",
    "attention",
    "attention_chart",
    "bar_chart",
    "check_arabic_rendering",
    "cleaning_report",
    "collocates",
    "collocates_chart",
    "compare_collocates",
    "compare_windows",
    "cooccurrence",
    "cooccurrence_graph",
    "count_terms",
    "count_terms_dask",
    "count_terms_stream",
    "dask_client",
    "deduplicate",
    "dispersion",
    "dispersion_plot",
    "document_features",
    "fetch",
    "find_terms",
    "fit_for_print",
    "flag_labels",
    "frequencies",
    "frequencies_dask",
    "gries_dp",
    "heatmap",
    "highlight",
    "isolate",
    "iter_batches",
    "iter_counts",
    "keyness",
    "keyness_chart",
    "kit_lexicons",
    "kwic",
    "kwic_browser",
    "kwic_view",
    "label_with_gloss",
    "lexicon_precision",
    "light_stem",
    "load_corpus",
    "load_figure_config",
    "load_report",
    "load_validation",
    "locate_mentions",
    "make_figures",
    "network_chart",
    "ngrams",
    "ngrams_to_lexicon",
    "normalize",
    "occurrences",
    "precision_table",
    "quoted_spans",
    "rates_by_group",
    "rates_chart",
    "rates_explorer",
    "read_coding_sheet",
    "read_corpus_dask",
    "read_mentions",
    "recall_table",
    "registry",
    "remove_stopwords",
    "render_text",
    "repel_labels",
    "sample_articles",
    "sample_matches",
    "sentences",
    "shaping_status",
    "show",
    "show_figure",
    "show_kwic",
    "show_table",
    "sort_kwic",
    "split_clitics",
    "stopwords",
    "strip_context",
    "table_view",
    "text_view",
    "timeline",
    "tokenize",
    "topic_filter",
    "topic_scope",
    "topics",
    "transliterate",
    "use_house_style",
    "voice_accuracy",
    "coder_agreement",
    "adjudicate",
    "voice_at",
    "wilson_interval",
    "word_cloud",
    "word_counts",
    "word_forms",
    "write_coding_sheet",
    "write_parquet_corpus",
]
