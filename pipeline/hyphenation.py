"""Line-final hyphens: a typesetter's break to undo, or a real hyphen to keep.

Justified text with automatic hyphenation breaks words ("nyan-" / "komne"); a
real hyphen can fall at a line end too ("TryggEst-" / "teamene"), and Norwegian
has the suspended hyphen, which keeps its space ("kjønns- og"). Every
line-final hyphen gets a decision, from evidence that does not depend on the
producer's habits, strongest first:

1. a soft hyphen (U+00AD) in the PDF's text: the producer says it is a break;
2. the next word: «og», «eller», … after the hyphen make it suspended;
3. the document itself: the joined word, or the hyphenated one, printed elsewhere;
4. a space after the hyphen in the PDF's text: the source had one there ("lhbtiq-
   personer" printed with a space), so hyphen and space are both kept, as for a
   suspended hyphen; unless the producer puts a space after every line-final hyphen;
5. a Norwegian word-frequency list (``wordfreq``, "nb"): a common joined word;
6. the document again: a first part that is a word of its own there ("TryggEst") is
   the first part of a compound; a first part with digits or capitals inside is too;
7. Norwegian hyphenation patterns (``pyphen``, "nb_NO"): could a typesetter break there?

No word lists are written by hand. Decisions from 6–7, or none, are "uncertain".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import cache

import regex

# Characters a line may end with when a word is broken or hyphenated there.
HYPHENS = "-\u2010\u00ad"
SOFT_HYPHEN = "\u00ad"
# Words after which a line-final hyphen is a suspended hyphen (Norwegian grammar, not report wording).
SUSPENDED_HYPHEN_NEXT = ("og", "eller", "samt", "enn", "til")
COMMON = 1.5  # Zipf frequency from which a joined word counts as a word of the language
UNCERTAIN = ("shape", "pyphen", "default")  # evidence too weak to be sure

_EDGE_PUNCTUATION = regex.compile(r"^[\p{P}\p{S}]+|[\p{P}\p{S}--[\-\u2010\u00ad]]+$")


def token(word: str) -> str:
    """A word as the vocabulary counts it: lower case, without surrounding punctuation."""
    return _EDGE_PUNCTUATION.sub("", word).casefold()


def ends_in_hyphen(word: str) -> bool:
    """A word that ends with a hyphen after a letter: a candidate for a decision."""
    return len(word) > 1 and word[-1] in HYPHENS and word[-2].isalpha()


def suspended(right: str) -> bool:
    """Is the word after a line-final hyphen one that makes it a suspended hyphen («kjønns- og»)?"""
    return token(right) in SUSPENDED_HYPHEN_NEXT or right.startswith(",")


@cache
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency  # its data loads on first use only

    return zipf_frequency(word, "nb")


@cache
def _pyphen_positions(word: str) -> frozenset[int]:
    import pyphen

    return frozenset(pyphen.Pyphen(lang="nb_NO").positions(word))


class Hyphenator:
    """Decides line-final hyphens with the evidence of one document."""

    def __init__(self, words: Iterable[str], spaces: Iterable[bool] = ()) -> None:
        self.vocabulary = Counter(t for w in words if (t := token(w)))
        seen = list(spaces)
        # a space after a line-final hyphen tells something only if the producer does not put one after all of them
        self.space_tells = not (len(seen) >= 5 and all(seen))

    @classmethod
    def of_lines(cls, lines: Iterable[Iterable[str]], spaces: Iterable[bool] = ()) -> Hyphenator:
        """From the printed lines (each a sequence of words), and whether each line-final hyphen
        had a space after it in the PDF; a broken word's parts are not words of their own."""
        words: list[str] = []
        broken = False  # the previous line ended in a hyphen: this one starts with the rest of a word
        for line in lines:
            ws = list(line)
            words.extend(w for k, w in enumerate(ws) if not ends_in_hyphen(w) and not (k == 0 and broken))
            broken = bool(ws) and ends_in_hyphen(ws[-1])
        return cls(words, spaces)

    def decide(self, left: str, right: str, space_after: bool | None = None) -> tuple[str, str]:
        """(decision, evidence) for ``left`` (ending in a hyphen) followed by ``right`` on the next line."""
        stem, mark = left[:-1], left[-1]
        if mark == SOFT_HYPHEN:
            return "join", "soft hyphen"
        if suspended(right):
            return "suspended", "next word"
        joined, hyphenated = token(stem + right), token(stem + "-" + right)
        if self.space_tells and space_after:
            return "suspended", "pdf space"
        if self.vocabulary[joined] and not self.vocabulary[hyphenated]:
            return "join", "document"
        if self.vocabulary[hyphenated] and not self.vocabulary[joined]:
            return "keep", "document"
        if not right[:1].isalpha() or right[:1].isupper():
            return "keep", "shape"
        if _zipf(joined) >= COMMON:  # (wordfreq splits a hyphenated form into its parts: no comparison)
            return "join", "wordfreq"
        if self.vocabulary[token(stem)]:  # a word of its own here: the first part of a compound
            return "keep", "document"
        if any(c.isdigit() for c in stem) or any(c.isupper() for c in stem[1:]):
            return "keep", "shape"
        if len(token(stem)) in _pyphen_positions(joined):
            return "join", "pyphen"
        return "keep", "default"


# How a decision travels to the text joiners (:func:`pipeline.text.join_lines`): the broken
# word's first part ends in a hyphen character of its own. A soft hyphen is a break to undo;
# a non-breaking hyphen belongs to the word ("TryggEst-teamene"); a U+2010 hyphen keeps its
# space after it ("kjønns- og", "lhbtiq- personer").
MARKS = {"join": SOFT_HYPHEN, "keep": "\u2011", "suspended": "\u2010"}


def apply(left: str, decision: str) -> str:
    """The broken word's first part as the joiners read it."""
    return left[:-1] + MARKS[decision]
