"""Line-final hyphens: a typesetter's break to undo, or a real hyphen to keep.

Justified text with automatic hyphenation breaks words ("nyan-" / "komne"); a
real hyphen can fall at a line end too ("TryggEst-" / "teamene"), and Norwegian
has the suspended hyphen, which keeps its space ("kjønns- og"). Every
line-final hyphen gets a decision, from evidence that does not depend on the
producer's habits, strongest first:

1. a soft hyphen (U+00AD) in the PDF's text: the producer says it is a break; and where
   a producer prints its breaks as soft hyphens or U+2010 and other line-final hyphens
   as hyphen-minus, those others are real;
2. the next word: «og», «eller», … after the hyphen make it suspended;
3. the document itself: the joined word, or the hyphenated one, printed elsewhere;
4. a space after the hyphen in the PDF's text: the source had one there ("lhbtiq-
   personer" printed with a space), so hyphen and space are both kept, as for a
   suspended hyphen; unless the producer puts a space after every line-final hyphen;
5. the document's habit: in text without automatic hyphenation (a few hyphens at line
   ends in hundreds of lines) a line-final hyphen is a real one;
6. a Norwegian word-frequency list (``wordfreq``, "nb"): a common joined word is a
   break; a function word and an everyday word that make no word joined are a
   compound with a real hyphen ("ikke-diskriminering"), unless the document joins that
   function word to its other words as a prefix («til»: «tilbud», «tilpasset»), or never
   prints it on its own but only bound to more letters (a stem: «brukere», «brukernes»);
7. the document again: a first part that is a word of its own there but no common
   word of the language (a name or an abbreviation: "lhbtiq-personer"), or one it always
   capitalises (a name: "Proba-rapporten", as Norwegian writes compounds of names) is the first part
   of a compound, and so is one with digits or capitals inside ("TryggEst-teamene");
8. Norwegian hyphenation patterns (``pyphen``, "nb_NO"): could a typesetter break there?
9. a rest that is no word, of the document or the language, after a first part that makes with it two
   words of the language joined («kompetanseheving-» / «soppdrag»: «kompetanseheving» + «s» +
   «oppdrag»): a break inside the second part, by a typesetter whose patterns are not pyphen's.

No word lists are written by hand. Decisions on the shape of a word (7), on hyphenation
patterns (8), on a compound's parts (9) or on no evidence are "uncertain", and the review page lists them first.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import cache, lru_cache

import regex

# Characters a line may end with when a word is broken or hyphenated there.
HYPHENS = "-\u2010\u00ad"
SOFT_HYPHEN = "\u00ad"
BREAK_HYPHEN = "\u2010"  # some producers print their own breaks with U+2010, real hyphens with U+002D
# Words after which a line-final hyphen is a suspended hyphen (Norwegian grammar, not report wording).
SUSPENDED_HYPHEN_NEXT = ("og", "eller", "samt", "enn", "til")
HYPHENATED = 0.03  # share of lines ending in a hyphen from which a document is taken to hyphenate automatically
FUNCTION_WORD = 5.5  # Zipf frequency of the language's commonest words ("ikke", "for", "er")
COMMON_WORD = 3.0  # Zipf frequency of a word in everyday use
COMMON = 1.5  # Zipf frequency from which a joined word counts as a word of the language
PREFIXED = 3  # distinct words of a document that start with a word joined to them, which make that word a prefix

_EDGE_PUNCTUATION = regex.compile(r"^[\p{P}\p{S}]+|[\p{P}\p{S}--[\-\u2010\u00ad]]+$")


_OPENERS = "([{«\"'‘“"  # what a word may open with: brackets and quotes


WORDS_KEPT = 1 << 14  # distinct words whose tokens are kept: a long report's vocabulary


@lru_cache(maxsize=WORDS_KEPT)  # a document's words repeat, and its evidence is counted twice (its lines, its cells)
def token(word: str) -> str:
    """A word as the vocabulary counts it: lower case, without surrounding punctuation."""
    if word.isalnum():  # most words: no punctuation or symbol to take off
        return word.casefold()
    return _EDGE_PUNCTUATION.sub("", word).casefold()


_HYPHEN_ENDS = frozenset(HYPHENS)  # the last characters a word that ends in a hyphen may have


def ends_in_hyphen(word: str) -> bool:
    """A word that ends with a hyphen glued to it ("nyan-", "1.-"): a candidate for a decision.
    A dash standing alone ("åpenhet -") is punctuation, not a hyphen."""
    return len(word) > 1 and word[-1] in HYPHENS and not word[-2].isspace() and word[-2] not in HYPHENS


def ends_in_slash(word: str) -> bool:
    """A word that ends with a slash glued to it («endringer/», «sårbare/»): a line may break after it
    with no space («sårbare/» / «risikoutsatte») or at the source's space after it («endringer/» / «ytterligere»)."""
    return len(word) > 1 and word[-1] == "/" and word[-2].isalnum()


PRODUCERS_SPACES = 5  # line-final marks all followed by a space, from which the spaces are the producer's


def spaces_tell(seen: Iterable[bool]) -> bool:
    """Does a space the PDF prints after a line-final mark (a hyphen, a slash) tell the source's space?
    Not when the producer puts one after every one of them: then it is its own, at every line end."""
    spaces = list(seen)
    return not (len(spaces) >= PRODUCERS_SPACES and all(spaces))


def suspended(right: str) -> bool:
    """Is the word after a line-final hyphen one that makes it a suspended hyphen («kjønns- og»)?"""
    return token(right) in SUSPENDED_HYPHEN_NEXT or right.startswith(",")


@cache
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency  # its data loads on first use only

    return zipf_frequency(word, "nb")


def initial_is_a_word(initial: str, rest: str) -> bool:
    """Is a drop cap's ``initial`` a word of its own before ``rest`` (the word beside it), rather
    than its first letter? Only where the initial alone is one of the language's commonest words
    («I», «Å»: a letter's name is common too, «H»), the rest is a word (or a number), and the two
    joined are not («Ioktober», but «IMDi», «Hdir», «På»): a PDF sets no space between an initial
    and the text beside it, whichever it is."""
    joined, tail = token(initial + rest), token(rest)
    return _zipf(token(initial)) >= FUNCTION_WORD and _zipf(joined) < COMMON and (tail[:1].isdigit() or _zipf(tail) >= COMMON)


def a_word(text: str) -> bool:
    """Is ``text`` a word of the language (as common as ``COMMON`` in wordfreq), whatever its case and punctuation?"""
    return _zipf(token(text)) >= COMMON


def initial_missing(initial: str, word: str) -> bool:
    """Is ``word`` a word that lost its ``initial``: no word alone, a word with it («eileder»,
    «Veileder»)? A drop cap moved from its paragraph (to the next page) leaves its word so."""
    return word[:1].islower() and not a_word(word) and a_word(initial + word)


LINKING = "se"  # the letters Norwegian puts between a compound's parts («kompetanseheving-s-oppdrag»)
PART = 3  # letters a compound's part has at the least


@cache
def compound_of_words(word: str) -> bool:
    """Is ``word`` two words of the language joined, with or without a linking «s» or «e»? A rest after a
    line-final hyphen that is no word, in a joined word made so, was broken inside its second part by a
    typesetter whose patterns are not pyphen's: a compound's own hyphen stands where its parts meet."""
    for k in range(PART, len(word) - PART + 1):
        head, tail = word[:k], word[k:]
        if _zipf(tail) < COMMON:
            continue
        if _zipf(head) >= COMMON or (head[-1] in LINKING and len(head) > PART and _zipf(head[:-1]) >= COMMON):
            return True
    return False


@cache
def _pyphen_positions(word: str) -> frozenset[int]:
    import pyphen

    return frozenset(pyphen.Pyphen(lang="nb_NO").positions(word))


class Hyphenator:
    """Decides line-final hyphens with the evidence of one document."""

    def __init__(self, words: Iterable[str], spaces: Iterable[bool] = (), hyphenates: bool = True, marks: Iterable[str] = ()) -> None:
        tokens = [(w, t) for w in words if (t := token(w))]
        self.vocabulary = Counter(t for _, t in tokens)
        # the words it prints in lower case somewhere: a word it always capitalises is a name
        self.lower = {t for w, t in tokens if w[:1].islower() or (not w[:1].isalnum() and w.lstrip(_OPENERS)[:1].islower())}
        self.hyphenates = hyphenates  # whether the document uses automatic hyphenation at all
        used = set(marks)  # the characters its line-final hyphens end in
        # a producer that breaks words with a soft hyphen or U+2010 and prints a hyphen-minus at
        # other line ends tells its own breaks from real hyphens
        self.marks_breaks = "-" in used and bool(used & {SOFT_HYPHEN, BREAK_HYPHEN})
        self.space_tells = spaces_tell(spaces)

    def prefixes(self, stem: str) -> bool:
        """Does the document join ``stem`` to other words, as a prefix («til»: «tilbud», «tilstrekkelig»,
        «tilpasset»)? Then a break after it is the typesetter's, in a word the language lists or
        not: Norwegian writes such a prefix joined, never with a hyphen of its own (a function word
        the document never joins, «ikke», may stand before a hyphen: «ikke-diskriminering»)."""
        joined = {t for t in self.vocabulary if len(t) > len(stem) + 2 and t.startswith(stem) and t.isalpha()}
        return len(joined) >= PREFIXED

    def bound(self, stem: str) -> bool:
        """Does the document print ``stem`` only bound to more letters, never as a word of its own
        («brukere», «brukerne», «brukernes», never «bruker»)? A function word stands on its own in
        any text; a word the language uses often that this text prints only so is a stem of its
        own words («Bruker-» / «perspektiver»: a break in «Brukerperspektiver»), no function word."""
        return not self.vocabulary[stem] and any(len(t) > len(stem) and t.startswith(stem) and t.isalpha() for t in self.vocabulary)

    @classmethod
    def of_lines(cls, lines: Iterable[Iterable[str]], spaces: Iterable[bool] = ()) -> Hyphenator:
        """From the printed lines (each a sequence of words), and whether each line-final hyphen
        had a space after it in the PDF; a broken word's parts are not words of their own."""
        words: list[str] = []
        broken = False  # the previous line ended in a hyphen: this one starts with the rest of a word
        count = breaks = 0
        marks: list[str] = []
        for line in lines:
            ws = list(line)
            # (most words end in no hyphen at all: asked before the whole question)
            words.extend([w for w in (ws[1:] if broken else ws) if w[-1:] not in _HYPHEN_ENDS or not ends_in_hyphen(w)])
            broken = bool(ws) and ends_in_hyphen(ws[-1])
            count += 1
            breaks += broken
            if broken:
                marks.append(ws[-1][-1])
        return cls(words, spaces, hyphenates=breaks >= max(3, HYPHENATED * count), marks=marks)

    def decide(self, left: str, right: str, space_after: bool | None = None) -> tuple[str, str]:
        """(decision, evidence) for ``left`` (ending in a hyphen) followed by ``right`` on the next line."""
        stem, mark = left[:-1], left[-1]
        if mark == SOFT_HYPHEN:
            return "join", "soft hyphen"
        if suspended(right):
            return "suspended", "next word"
        if self.marks_breaks:  # the producer's own characters say which hyphens are its breaks
            return ("join", "pdf hyphen") if mark == BREAK_HYPHEN else ("keep", "pdf hyphen")
        whole = stem
        stem = stem.rpartition("-")[2] or stem  # of "TryggEst-webi-" / "nar", the broken word is "webi-nar"
        joined, hyphenated = token(stem + right), token(stem + "-" + right)
        if self.space_tells and space_after:
            return "suspended", "pdf space"
        if (self.vocabulary[joined] or self.vocabulary[token(whole + right)]) and not self.vocabulary[hyphenated]:
            return "join", "document"
        if (self.vocabulary[hyphenated] or self.vocabulary[token(whole + "-" + right)]) and not self.vocabulary[joined]:
            return "keep", "document"
        if not self.hyphenates:  # a few hyphens at line ends in text that is not hyphenated: real ones
            return "keep", "unhyphenated"
        if not right[:1].isalpha() or right[:1].isupper():
            return "keep", "shape"
        if _zipf(joined) >= COMMON:  # (wordfreq splits a hyphenated form into its parts: no comparison)
            return "join", "wordfreq"
        if _zipf(joined) == 0 and _zipf(token(stem)) >= FUNCTION_WORD and _zipf(token(right)) >= COMMON_WORD and not self.prefixes(token(stem)) and not self.bound(token(stem)):
            return "keep", "wordfreq"  # a function word hyphenated to a word, as in "ikke-diskriminering"
        core = token(stem)
        word = stem.lstrip(_OPENERS)  # the word, not the bracket or quote it opens with: «(Stimu-» / «lab)»
        # a name or an abbreviation of this document («lhbtiq-»), or a name it prints on its own and
        # always capitalised (Norwegian writes a hyphen after a name in a compound: «Proba-rapporten»)
        if self.vocabulary[core] and (_zipf(core) < COMMON or (word[:1].isupper() and self.vocabulary[core] >= 2 and core not in self.lower)):
            return "keep", "document"
        if any(c.isdigit() for c in word) or any(c.isupper() for c in word[1:]):  # "LK20-", "NAV-", "TryggEst-"
            return "keep", "shape"
        if len(core) in _pyphen_positions(joined):
            return "join", "pyphen"
        if not self.vocabulary[token(right)] and _zipf(token(right)) == 0 and compound_of_words(joined):
            return "join", "compound"  # «kompetanseheving-» / «soppdrag»: a break inside «oppdrag»
        return "keep", "default"


# How a decision travels to the text joiners (:func:`pipeline.text.join_lines`): the broken
# word's first part ends in a hyphen character of its own. A soft hyphen is a break to undo;
# a non-breaking hyphen belongs to the word ("TryggEst-teamene"); a double oblique hyphen
# (U+2E17, which no text of ours prints) keeps its space after it ("kjønns- og", "lhbtiq- personer").
MARKS = {"join": SOFT_HYPHEN, "keep": "\u2011", "suspended": "\u2e17"}


# A space the PDF prints after a line-final slash is the source's (:func:`spaces_tell`): «endringer/
# ytterligere», where the same producer breaks «sårbare/risikoutsatte» after its slash and prints
# none. It travels to the text joiners as a division slash (U+2215, which no text of ours prints),
# read as a slash and that space.
SPACED_SLASH = "\u2215"


def apply(left: str, decision: str) -> str:
    """The broken word's first part as the joiners read it."""
    return left[:-1] + MARKS[decision]


# --- table cells: a cell's line that ends inside a word ---------------------------------------
#
# A word processor wraps a table cell's text at spaces, breaks a word wider than a narrow column
# where it overflows, with no hyphen («Gjennomfør» / «t»), and, with automatic hyphenation,
# hyphenates a word that does not fit («Ikke påbe-» / «gynt»). A cell's continuation line then
# joins without a space when the evidence says the word goes on; every other line end is a space.


_MARK_ENDS = frozenset(MARKS.values())


def printed(word: str) -> str:
    """A word with extraction's decision mark read back as the hyphen printed: the evidence of a
    document whose line ends were decided is its text as printed, not the decisions' characters."""
    if word[-1:] == SPACED_SLASH:
        return word[:-1] + "/"
    return word[:-1] + "-" if word[-1:] in _MARK_ENDS else word


SHORT_REST = 2  # letters: a rest this short that the document never prints as a word cannot stand alone
# A word's surrounding punctuation, hyphens at its end kept (a set difference: the V1 syntax).
_WORD_EDGES = regex.compile(r"^[\p{P}\p{S}]+|[\p{P}\p{S}--[\-\u2010\u00ad]]+$", regex.V1)


@lru_cache(maxsize=WORDS_KEPT)
def cell_token(word: str) -> str:
    """A word as the cells' evidence counts it: lower case, without the punctuation around it
    («påbegynt.» is «påbegynt»)."""
    if word.isalnum():  # most words: no punctuation or symbol to take off (no letter or digit is one)
        return word.casefold()
    return _WORD_EDGES.sub("", word).casefold()


class CellWraps:
    """Decides the line ends inside table cells with the evidence of one document: the words it
    prints outside its tables (each line's words, and which words it prints side by side), and,
    per column, the column's own vocabulary (the profile's statuses for the Status column)."""

    def __init__(self, lines: Iterable[Iterable[str]]) -> None:
        rows = [[printed(w) for w in line] for line in lines]
        self.hyphenator = Hyphenator.of_lines(rows)
        tokens = [[cell_token(w) for w in ws] for ws in rows]  # each word's once: the words and the pairs count them
        self.words = Counter(t for ws, ts in zip(rows, tokens) for w, t in zip(ws, ts) if t and (w[-1:] not in _HYPHEN_ENDS or not ends_in_hyphen(w)))
        self.pairs = Counter(pair for ts in tokens for pair in zip(ts, ts[1:]))

    def decide(self, left: str, right: str, values: Iterable[str] = ()) -> tuple[str, str] | None:
        """(decision, evidence) for a cell's line ending in ``left`` whose next line starts with
        ``right``: "join" or "space" after a letter, as for a line-final hyphen after a hyphen
        ("join", "keep", "suspended"). None when the line end is no question: it ends a word
        (after punctuation, a digit or a mark extraction decided; before a capital or a digit)."""
        if not right[:1].isalpha() or not right[:1].islower():
            return None
        if left[-1:] in ("-", BREAK_HYPHEN) and left[-2:-1].isalpha():  # a printed hyphen, whichever (a soft hyphen is a decision)
            return self._hyphen(left, right, values)
        if not left[-1:].isalpha():
            return None
        return self._wrap(left, right, values)

    def _hyphen(self, left: str, right: str, values: Iterable[str]) -> tuple[str, str]:
        joined, hyphenated = cell_token(left[:-1] + right), cell_token(left[:-1] + "-" + right)
        vocabulary = {cell_token(w) for v in values for w in v.split()}
        for words, evidence in ((vocabulary, "vocabulary"), (self.words, "document")):
            if joined in words and hyphenated not in words:
                return "join", evidence  # «Ikke påbe-» / «gynt»
            if hyphenated in words and joined not in words:
                return "keep", evidence
        return self.hyphenator.decide(left, right)  # as a line-final hyphen of the text

    def _wrap(self, left: str, right: str, values: Iterable[str]) -> tuple[str, str]:
        a, b = cell_token(left), cell_token(right)
        joined = a + b
        for value in values:
            words = [cell_token(w) for w in value.split()]
            if any(pair == (a, b) for pair in zip(words, words[1:])):
                return "space", "vocabulary"  # «Ikke» / «påbegynt»
            if joined in words:
                return "join", "vocabulary"  # «Gjennomfør» / «t»
        if self.pairs[(a, b)]:
            return "space", "document"  # the document prints the two words side by side
        if self.words[a] and self.words[b]:
            return "space", "document"  # both are words of the document: a wrap at a space
        if self.words[joined]:
            return "join", "document"
        if self.words[a] and _zipf(joined) < COMMON_WORD:
            return "space", "document"  # a whole word of the document, and the two together no word at all («har» / «pt.»)
        if len(b) <= SHORT_REST and not self.words[b]:
            return "join", "short"  # too short to stand alone, and never printed alone
        if _zipf(joined) >= COMMON_WORD and min(_zipf(a), _zipf(b)) < COMMON:
            return "join", "wordfreq"
        return "space", "default"
