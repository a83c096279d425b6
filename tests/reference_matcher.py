"""A slow reference copy of the matcher as it was before the fast path (commit 82d1422).

Only what ``count_terms`` and ``find_terms`` need: tokenize every text with the old token
regex, resolve every token against a trie of first words (clitic readings), walk the trie
over the next tokens, and take the leftmost-longest match. It reads a :class:`Lexicon`'s
public data only (``entries``: patterns and clitics in pattern-id order; ``pattern_labels``,
``pattern_blocked``, ``labels``), so it shares no code with the engine it checks. The voice
of a match comes from the frozen copy of the voice rules in ``tests/reference_voice.py``.

Its one known difference from the live matcher: the old token regex splits a word at an
invisible character (soft hyphen, LRM/RLM, ZWSP, ...), and keeps a lone one as a token
of its own. The live matcher ignores them (as ``normalize`` does); the differential tests
remove them before calling this reference (:func:`without_invisibles`).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from helpers.arabic import INVISIBLE, WORD_PATTERN, normalize
from helpers.lexicon import CLITICS, SKIP_CHARS
from tests.reference_voice import quoted_spans, voice_segments

OLD_TOKEN_RE = re.compile(rf"{WORD_PATTERN}|\S|\n")
#: the invisible characters that the old regex did not count as word characters
SPLITTERS = "".join(c for c in INVISIBLE if not re.fullmatch(WORD_PATTERN, c))
_SPLITTERS_RE = re.compile(f"[{SPLITTERS}]")


def has_invisibles(text: str) -> bool:
    return _SPLITTERS_RE.search(text) is not None


def without_invisibles(text: str) -> tuple[str, list[int]]:
    """The text without SPLITTERS, and the raw offset of each kept character (plus the end)."""
    keep = [i for i, c in enumerate(text) if c not in SPLITTERS]
    return "".join(text[i] for i in keep), keep + [len(text)]


@lru_cache(maxsize=None)
def _norm(token: str) -> str:
    return normalize(token).casefold()


def _parse(pattern: str):
    words, stars = [], []
    for piece in str(pattern).replace("_", " ").split():
        star = piece.endswith("*") and len(piece.rstrip("*")) > 0
        toks = [t for t in (_norm(t) for t in OLD_TOKEN_RE.findall(piece.rstrip("*") if star else piece)) if t]
        if toks:
            words += toks
            stars += [False] * (len(toks) - 1) + [star]
    return words, stars


def _bases(t: str):
    out = {t: (0, 0)}
    if t[0] in "وفبكلا":
        firsts = [(t, 0)] + ([(t[1:], 1)] if len(t) > 2 and t[0] in "وف" else [])
        for rest, k in firsts:
            cands = [(rest, k)]
            if rest.startswith("لل") and len(rest) > 3:
                cands.append(("ال" + rest[2:], k + 1))
            if len(rest) > 2 and rest[0] in "بكل":
                cands.append((rest[1:], k + 1))
            for x, j in cands:
                readings = [(x, j, 1 if j else 0)] + ([(x[2:], j + 2, 2)] if x.startswith("ال") and len(x) > 3 else [])
                for y, jj, kind in readings:
                    if y not in out or (kind, jj) < out[y][::-1]:
                        out[y] = (jj, kind)
    return [(base, jj, kind) for base, (jj, kind) in out.items()]


class Reference:
    """The old engine for one lexicon: a trie node is [end, exact children, star children, star lengths]."""

    def __init__(self, lex):
        self.lex = lex
        roots = {}
        for pid, (pattern, clitics) in enumerate(zip(lex.entries["pattern"], lex.entries["clitics"])):
            words, stars = _parse(pattern)
            node = roots.setdefault((stars[0], words[0], CLITICS[clitics]), [None, {}, {}, []])
            for word, star in zip(words[1:], stars[1:]):
                children = node[2] if star else node[1]
                if word not in children:
                    children[word] = [None, {}, {}, []]
                    if star:
                        node[3] = sorted({*node[3], len(word)})
                node = children[word]
            end = (pid, len(words), sum(map(len, words)), not stars[-1])
            if node[0] is None or (end[1], end[2], end[3], -end[0]) > (node[0][1], node[0][2], node[0][3], -node[0][0]):
                node[0] = end
        self.exact, self.star = {}, {}
        for (star, word, depth), root in roots.items():
            table = self.star if star else self.exact
            table[word] = table.get(word, ()) + ((depth, root),)
        self.lengths = sorted({len(p) for p in self.star})
        self._done = {}  # text -> (token spans, matches)
        self._firsts = {}  # normalized token -> what it can begin (the old engine cached this too)

    def _first(self, t: str):
        if t not in self._firsts:
            self._firsts[t] = self._resolve_first(t)
        return self._firsts[t]

    def _resolve_first(self, t: str):
        best = rank = None
        walks = {}
        for base, stripped, kind in (_bases(t) if t else []):
            found = self.exact.get(base, ())
            for n in self.lengths:
                if n > len(base):
                    break
                found = found + self.star.get(base[:n], ())
            for depth, node in found:
                if kind > depth:
                    continue
                end = node[0]
                if end is not None:
                    r = (end[1], end[2], -stripped, end[3], -end[0])
                    if rank is None or r > rank:
                        best, rank = end[0], r
                if (node[1] or node[2]) and (id(node) not in walks or stripped < walks[id(node)][1]):
                    walks[id(node)] = (node, stripped)
        return best, rank, list(walks.values())

    def _walk(self, node, tokens, j):
        found, stack = [], [(node, j)]
        while stack:
            node, p = stack.pop()
            while p < len(tokens):
                t = _norm(tokens[p])
                children = [node[1].get(t)] + [node[2].get(t[:n]) for n in node[3] if n <= len(t)]
                for child in children:
                    if child is not None:
                        if child[0] is not None:
                            found.append((child[0], p + 1))
                        if child[1] or child[2]:
                            stack.append((child, p + 1))
                if tokens[p] not in SKIP_CHARS:
                    break
                p += 1
                while p < len(tokens) and tokens[p] in SKIP_CHARS:
                    p += 1
        return found

    def match(self, tokens):
        """(first token, number of tokens, pattern id) of every match, blockers included."""
        out, free = [], 0
        for i, tok in enumerate(tokens):
            if i < free:
                continue
            best, rank, walks = self._first(_norm(tok))
            length = 1
            for node, stripped in walks:
                for end, j in self._walk(node, tokens, i + 1):
                    r = (end[1], end[2], -stripped, end[3], -end[0])
                    if rank is None or r > rank:
                        best, rank, length = end[0], r, j - i
            if best is not None:
                out.append((i, length, best))
                free = i + length
        return out

    def _matches(self, text: str):
        if text not in self._done:
            spans = [m.span() for m in OLD_TOKEN_RE.finditer(text.replace("_", " "))]
            self._done[text] = (spans, self.match([text[a:b] for a, b in spans]))
        return self._done[text]

    def find(self, text: str, blockers: bool = False):
        """Rows (start, end, surface, label, pattern, voice) of one text, as find_terms gives them."""
        spans, matches = self._matches(text)
        quoted = quoted_spans(text)
        starts = [a for a, _ in quoted]
        rows = []
        for i, n, pid in matches:
            if blockers or not self.lex.pattern_blocked[pid]:
                a, b = spans[i][0], spans[i + n - 1][1]
                k = bisect_right(starts, a) - 1
                voice = "quoted" if k >= 0 and a < quoted[k][1] else "own"
                rows.append((a, b, text[a:b], self.lex.labels[self.lex.pattern_labels[pid]],
                             self.lex.entries["pattern"].iat[pid], voice))
        return rows

    def counts(self, text: str, voice: str = "all", blockers: bool = False) -> dict[str, int]:
        """Label -> number of matches in one text (count_terms' row, zeros left out)."""
        tokens, bounds = [], []
        for piece in voice_segments(text):
            tokens += OLD_TOKEN_RE.findall(piece.replace("_", " "))
            bounds.append(len(tokens))
        spans, matches = self._matches(text)  # the same tokens (no segment cuts a token): matched once
        assert len(spans) == len(tokens)
        out: dict[str, int] = {}
        for i, _, pid in matches:
            quoted = bisect_right(bounds, i) % 2 == 1
            if voice != "all" and quoted != (voice == "quoted"):
                continue
            if blockers or not self.lex.pattern_blocked[pid]:
                label = self.lex.labels[self.lex.pattern_labels[pid]]
                out[label] = out.get(label, 0) + 1
        return out
