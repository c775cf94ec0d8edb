"""framing: make the loaded words of news coverage visible and measurable.

Flow: text -> matches -> scores -> comparison -> charts / HTML.

>>> import framing
>>> lex = framing.load_lexicon("loaded-language", "venezuela-2019")   # doctest: +SKIP
>>> articles = framing.read_articles("seeds/")                         # doctest: +SKIP
>>> matches = framing.find_matches(articles, lex)                      # doctest: +SKIP
>>> scores = framing.score_articles(matches, articles)                 # doctest: +SKIP

``import framing`` does no I/O and does not import matplotlib.
"""

import logging

from ._build import build_info, install_source_finder, pure_python_requested

if pure_python_requested():  # run the rule modules from their .py source (see framing._build)
    install_source_finder()

from .actors import actor_profile, find_mentions
from .align import ALIGN_COLUMNS, align_articles, event_pairs, format_alignment, group_events
from .analysis import Analysis, analyze, build_report, build_worksheet
from .compare import (Comparison, compare_outlets, distinctive_terms, outlet_distances, outlet_map,
                      term_contributions)
from .corpus import iter_articles, read_articles
from .errors import FramingError, FramingWarning, InputError, LexiconError
from .lexicon import Actor, Category, Entry, Lexicon, available_lexicons, load_lexicon
from .match import MATCH_COLUMNS, compile_lexicon, find_matches, iter_matches
from .classroom import answer_key, grade_answers, make_answer_key, make_worksheet
from .report import render_articles_html, render_report, write_report
from .score import SCORE_COLUMNS, count_words, score_articles, score_groups

from ._version import __version__

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "Analysis", "analyze", "build_report", "build_worksheet",
    "actor_profile", "find_mentions",
    "render_report", "write_report", "render_articles_html",
    "make_worksheet", "make_answer_key", "answer_key", "grade_answers",
    "Comparison", "compare_outlets", "distinctive_terms", "outlet_distances", "outlet_map",
    "term_contributions",
    "align_articles", "format_alignment", "group_events", "event_pairs", "ALIGN_COLUMNS",
    "Actor", "Category", "Entry", "Lexicon", "available_lexicons", "load_lexicon",
    "read_articles", "iter_articles",
    "find_matches", "iter_matches", "compile_lexicon", "MATCH_COLUMNS",
    "score_articles", "score_groups", "count_words", "SCORE_COLUMNS",
    "FramingError", "FramingWarning", "InputError", "LexiconError",
    "build_info", "__version__",
]
