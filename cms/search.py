"""Chinese text for the search index and for queries, segmented into words.

The database search backends (FTS5 on SQLite, tsvector on PostgreSQL) split text only at spaces
and punctuation, so a run of Han characters is one token: "定王台街道社工站" would be found only
by the whole name. Pages are therefore indexed with their text segmented by jieba (search mode:
each word and the shorter words inside it, "湖南省" also as "湖南"), and a query is segmented the
same way, so that any word of a name or clause finds it.

Pure functions: no Django, no database. The dictionary is loaded once, on first use.
"""

import functools
import logging
import re

import jieba

# Letters, digits and Han characters; everything else (punctuation, quotes, operators of any
# backend's query syntax, emoji, underscores) separates words and is dropped.
WORD = re.compile(r"[^\W_]+")
MAX_QUERY_CHARS = 100  # what is read of a query; the rest is ignored
MAX_TERMS = 16  # words of a query looked for; the rest are ignored
MAX_TERM_CHARS = 40  # longer runs (no real word) are not looked for


@functools.cache
def _tokenizer() -> jieba.Tokenizer:
    """jieba's default dictionary, loaded once, without its progress lines on stderr."""
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


def words(text: str) -> list[str]:
    """The runs of letters, digits and Han characters of `text`, in order."""
    return WORD.findall(text)


def segmented(text: str) -> str:
    """`text` as words separated by single spaces: each run of Han characters cut into words
    and the shorter words inside them (jieba's search mode); Latin words and numbers stay
    whole; punctuation is dropped. Deterministic. The same function serves the index and the
    queries, so both hold the same words for the same text."""
    found = []
    for token in _tokenizer().cut_for_search(text, HMM=True):
        found.extend(words(token))
    return " ".join(found)


def query_words(query: str) -> list[str]:
    """The words typed in a query, unsegmented (for substring matching): the runs of letters,
    digits and Han characters of its first MAX_QUERY_CHARS characters, without repeats or
    over-long runs, at most MAX_TERMS."""
    kept = [word for word in words(query[:MAX_QUERY_CHARS]) if len(word) <= MAX_TERM_CHARS]
    return list(dict.fromkeys(kept))[:MAX_TERMS]


def query_terms(query: str) -> list[str]:
    """The words a query looks for in the index: its first MAX_QUERY_CHARS characters,
    segmented as the index is, without repeats or over-long runs, at most MAX_TERMS. Only
    letters, digits and Han characters, so the backends' query syntax (quotes, `*`, `NEAR(`,
    `AND`) never reaches them as syntax. An empty list means there is nothing to look for."""
    terms = segmented(query[:MAX_QUERY_CHARS]).split()
    kept = [term for term in terms if len(term) <= MAX_TERM_CHARS]
    return list(dict.fromkeys(kept))[:MAX_TERMS]


def index_text(*parts: str) -> str:
    """The text to index for a page: its non-empty `parts`, segmented."""
    return segmented("\n".join(part for part in parts if part))
