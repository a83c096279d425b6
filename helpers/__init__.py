"""Itar (إطار): a corpus and teaching kit for studying how Arabic news media frame events."""
from .arabic import (cleaning_report, light_stem, normalize, remove_stopwords, split_clitics,
                     stopwords, tokenize)
from .corpus import CorpusError, deduplicate, load_corpus, load_report
from .datasets import DatasetError, fetch, registry
from .lexicon import Lexicon, LexiconError, count_terms, find_terms, word_counts
from .analysis import (cooccurrence, cooccurrence_graph, document_features, frequencies, keyness, kwic,
                       rates_by_group, sentences)
