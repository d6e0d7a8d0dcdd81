"""Turning printed lines into clean prose.

Extraction has already decided every line-final hyphen (:mod:`pipeline.hyphenation`):
a typesetter's break ends its line in a soft hyphen, joined here without a space
("nyan­" + "komne" → "nyankomne"); a real hyphen stays ("TryggEst-" + "teamene" →
"TryggEst-teamene"), and the Norwegian suspended hyphen keeps its space before
"og"/"eller" ("kjønns- og seksualitetsmangfold").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import regex

from pipeline.hyphenation import BREAK_HYPHEN, MARKS, SOFT_HYPHEN, SPACED_SLASH, SUSPENDED_HYPHEN_NEXT

TAG_WORDS = 3  # words a badge or a tag holds at most («Ferdigstilt», «Under arbeid»): a PDF's badge, an HTML tag

_SPACES = regex.compile(r"\s+")
# Characters after which a line may break inside a word without a hyphen: the break adds no space
# («kjønnsutvikling/» / «interkjønnpersoner», «(2024–» / «2028)»). A dash that stands alone is punctuation.
GLUED_BREAKS = ("/", "\u2013", "\u2014")
_DASHES = regex.compile(r"[\u2010-\u2015\u2212]")


WORD_START = regex.compile(r"[\w\-]*")


def word_starts(text: str) -> list[int]:
    """Where each of the text's words starts: a running header's parts may be read from any of them."""
    return [0, *(m.end() for m in _SPACES.finditer(text))]


def leading_word(line: str) -> str:
    """The letters, digits and hyphens a line starts with (empty when it starts otherwise)."""
    match = WORD_START.match(line)
    return match.group(0) if match else ""

def collapse(text: str) -> str:
    if text.isprintable() and "  " not in text:  # most lines: no white space but single ASCII spaces
        return text.strip()
    return _SPACES.sub(" ", text).strip()


def unmark(text: str) -> str:
    """Text with the hyphenation decisions' marks read as what they print."""
    text = text.replace(MARKS["join"], "").replace(MARKS["keep"], "-").replace(MARKS["suspended"], "-").replace(BREAK_HYPHEN, "-")
    return text.replace(SPACED_SLASH, "/") if SPACED_SLASH in text else text


def join_lines(lines: Iterable[str], joins: list[tuple[int, int]] | None = None) -> str:
    """Join printed lines with single spaces, as extraction decided their line-final hyphens.

    A plain hyphen nobody decided (text that did not come through extraction) is kept,
    with a space before «og»/«eller» and none otherwise; a slash or a dash glued to the
    line's last word joins the next line without a space (the printed text had none), unless
    extraction marked a slash the PDF printed a space after (``SPACED_SLASH``). ``joins`` receives the (start,
    end) of every word joined across a break, so that the review can mark them.
    """
    out = ""
    for raw in lines:
        line = collapse(raw)
        line = unmark(line[:-1]) + line[-1:].replace(BREAK_HYPHEN, "-")  # a decision's mark counts only at the line's end
        if not line:
            continue
        if not out:
            out = line
            continue
        if out.endswith(MARKS["join"]):
            if joins is not None:
                start = out.rfind(" ", 0, len(out) - 1) + 1
                rest = leading_word(line)  # the broken word's end, without punctuation
                joins.append((start, len(out) - 1 + len(rest)))
            out = out[:-1] + line
        elif out.endswith(MARKS["keep"]):
            out = out[:-1] + "-" + line
        elif out.endswith(MARKS["suspended"]):
            out = out[:-1] + "- " + line
        elif out.endswith(SPACED_SLASH):
            out = out[:-1] + "/ " + line  # the PDF printed the source's space after it: «endringer/» «ytterligere»
        elif out.endswith(GLUED_BREAKS) and len(out) > 1 and out[-2].isalnum():
            out = out + line  # a line broken after a slash or a dash glued to its word: «sårbare/» «risikoutsatte», «(2024–» «2028)»
        elif out.endswith("-") and len(out) > 1 and out[-2].isalpha():
            first = line.split(" ", 1)[0]
            glue = " " if first.lower() in SUSPENDED_HYPHEN_NEXT or first.startswith(",") else ""
            out = out + glue + line
        else:
            out = out + " " + line
    return out[:-1] + "/" if out.endswith(SPACED_SLASH) else out  # (a field's last line: no space to keep)


def comparable(text: str | None) -> str:
    """A form for comparing two printings of the same phrase: case, dashes, spaces."""
    if not text:
        return ""
    text = _DASHES.sub("-", text.casefold())
    text = regex.sub(r"\s*-\s*", "-", text)
    return collapse(text).rstrip(" .:;")


CellDecision = tuple[str, str, str, str]  # (left, right, decision, evidence)


def join_cell(lines: Sequence[str], decide: Callable[[str, str], tuple[str, str] | None]) -> tuple[str, list[CellDecision]]:
    """Join a table cell's printed lines as :func:`join_lines` does, each line end inside a word
    decided first by ``decide(last word, next line's first word)``: "join" closes it up
    («Gjennomfør» / «t» → «Gjennomført», «Ikke påbe-» / «gynt» → «Ikke påbegynt»), "keep" and
    "suspended" keep a hyphen (with its space before «og»), "space" leaves the line end a space.
    Returns the text and every decision with its evidence, for the review and the tests."""
    marked = [collapse(line) for line in lines]
    decisions: list[CellDecision] = []
    for k in range(len(marked) - 1):
        if not marked[k] or not marked[k + 1]:
            continue
        left, right = marked[k].rsplit(" ", 1)[-1], marked[k + 1].split(" ", 1)[0]
        decided = decide(left, right)
        if decided is None:
            continue
        decision, evidence = decided
        decisions.append((left, right, decision, evidence))
        if decision == "join":
            marked[k] = (marked[k][:-1] if left.endswith(("-", BREAK_HYPHEN)) else marked[k]) + MARKS["join"]
        elif decision in ("keep", "suspended"):
            marked[k] = marked[k][:-1] + MARKS[decision]
    return join_lines(marked), decisions


# A roman numeral in its standard form (I … MMMCMXCIX): a measure numbered «Tiltak IV», the Nr. column
# «IV», a list counted i, ii, iii. A pattern names a measure's number so only where the numbers'
# sequence reads as one (pipeline/choice/infer.py, read_letters): «I, II, III» count one by one, «A, B, C» are the alphabet.
ROMAN = r"(?=[IVXLCDM])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
_ROMAN = regex.compile(rf"^{ROMAN}$")
_ROMAN_DIGITS = tuple(zip((1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1), "M CM D CD C XC L XL X IX V IV I".split(), strict=True))


def roman_value(text: str) -> int | None:
    """A roman numeral's value («IV» → 4, «XIII» → 13); None for anything else («IIII», «IC», «B»)."""
    if not _ROMAN.match(text):
        return None
    value = 0
    for number, digits in _ROMAN_DIGITS:
        while text.startswith(digits):
            value, text = value + number, text[len(digits) :]
    return value


def roman_numeral(n: int) -> str:
    """``n`` (1 to 3999) as a roman numeral in capitals («IV»); "" outside them."""
    if not 0 < n < 4000:
        return ""
    out = ""
    for number, digits in _ROMAN_DIGITS:
        while n >= number:
            out, n = out + digits, n - number
    return out


NOTE_SYMBOLS = "*†‡§‖¶"  # notes marked by symbols rather than numbers, in the order typesetters give them (doubled after the last)
_NOTE_DIGITS = regex.compile(r"^\d{1,3}$")
NOTE_SYMBOL = regex.compile(r"^(?P<symbol>[*†‡§‖¶])(?P=symbol){0,2}$")


def note_numeral(text: str) -> int | None:
    """The note a marker or a note's opening mark names, as a number: its digits, or a symbol's
    place in the typesetters' order («*» 1, «†» 2, «‡» 3, …; «**» after «¶»), so that notes marked
    by symbols are numbered as notes marked by numbers are, and a marker finds its note alike."""
    if _NOTE_DIGITS.match(text):
        return int(text)
    m = NOTE_SYMBOL.match(text)
    return NOTE_SYMBOLS.index(m.group("symbol")) + 1 + len(NOTE_SYMBOLS) * (len(text) - 1) if m else None


QUOTE_MARKS = "«»\"“”„‘’'"  # the marks a quotation is set between, which the text it repeats does not print


def _letters_and_digits(text: str) -> str:
    """The text's letters and digits alone, case folded: the same words however they are spaced,
    punctuated or broken over lines («sekundær-» + «bosetting», «Arbeids- og»)."""
    return "".join(c for c in text.casefold() if c.isalnum())


def repeats_word_for_word(passage: str, text: str, least: int = 4) -> bool:
    """Does the passage repeat, word for word and in order, a stretch of the text (of ``least``
    words at least)? A pull quote's test: the words it sets apart, the text around it holds already
    (quotation marks, case, spacing and line breaks aside), where an aside or a box of its own words
    (facts about the report, a list of the departments) holds them nowhere else."""
    said = passage.strip().strip(QUOTE_MARKS + " ")
    if len(said.split()) < least:
        return False
    return _letters_and_digits(said) in _letters_and_digits(text)


_PERCENTAGE = regex.compile(r"^\d{1,3}(?:[.,]\d+)?\s*%$")


def is_percentage(text: str | None) -> bool:
    """A cell that gives a share, «70 %», «0%»: how far a measure has come (a table's progress), no word of a vocabulary."""
    return bool(text) and bool(_PERCENTAGE.match(collapse(text or "")))


# The year a column's header ends with: «2024», «Status 2024».
_YEAR_AT_END = regex.compile(r"(?:^|\s)((?:19|20)\d\d)$")


def latest_dated(headers: Sequence[str], among: Iterable[int]) -> int | None:
    """Of the columns ``among`` (indices into ``headers``) dated by the year their header ends with («2023 | 2024»,
    «Status 2023 | Status 2024»), the latest year's, the first where two name it: where a report prints a value per
    year, the one that says where a measure stands now. None where none is dated. The one notion of a value per year,
    for a block's row of labels and for a table's columns alike."""
    dated = [(int(m.group(1)), k) for k in among if (m := _YEAR_AT_END.search(collapse(headers[k])))]
    return max(dated, key=lambda yk: (yk[0], -yk[1]))[1] if dated else None


FIRST_TEN = 20  # the value of the first of the tens (``tens`` below lists them from twenty, ten apart)
UNITS = range(1, 10)  # the units a ten composes with
SOFT = r"\xad"  # a soft hyphen, as a pattern writes it


def compound_numerals(ones: Sequence[str], tens: Sequence[str], joined_by: str) -> str:
    """The numbers in words that a list of single words (``ones``, each pattern at its value's place) does not reach,
    as one pattern: a ten and a unit in one word, the ten first («tjuefem», «trettito») or the unit first, joined by
    ``joined_by`` («femogtjue», nynorsk and older bokmål), or a ten beyond the list alone («førti»); a soft hyphen may
    stand between the parts. Norwegian composes every number to 99 so, from the words of its units and its tens:
    read as a rule, not a list of ninety words. "" without tens."""
    if not tens:
        return ""
    unit, ten = "|".join(ones[u] for u in UNITS if u < len(ones)), "|".join(tens)
    beyond = [t for k, t in enumerate(tens) if FIRST_TEN + 10 * k >= len(ones)]
    parts = [rf"(?:{ten}){SOFT}?(?:{unit})", rf"(?:{unit}){SOFT}?(?:{joined_by}){SOFT}?(?:{ten})"]
    return "|".join([*parts, *([f"(?:{'|'.join(beyond)})"] if beyond else [])])


def numeral_value(word: str, ones: Sequence[str], tens: Sequence[str] = (), joined_by: str = "") -> int | None:
    """A number printed in words as its value: a single word by its place in ``ones``, a ten by its place in ``tens``
    (from twenty), a ten and a unit in one word (:func:`compound_numerals`) by both; soft hyphens read as nothing.
    None where the word is no number."""
    word = collapse(word).replace(SOFT_HYPHEN, "")
    single = next((value for value, one in enumerate(ones) if regex.fullmatch(f"(?:{one})", word, flags=regex.IGNORECASE)), None)
    if single is not None or not tens:
        return single
    for k, ten in enumerate(tens):
        value = FIRST_TEN + 10 * k
        if regex.fullmatch(f"(?:{ten})", word, flags=regex.IGNORECASE):
            return value
        for u in (u for u in UNITS if u < len(ones)):
            ten_first, unit_first = f"(?:{ten})(?:{ones[u]})", f"(?:{ones[u]})(?:{joined_by})(?:{ten})"
            if regex.fullmatch(f"{ten_first}|{unit_first}", word, flags=regex.IGNORECASE):
                return value + u
    return None


# A name printed in full: a capitalised word, and a Norwegian compound whose first part's hyphen is suspended
# («Klima- og miljødepartementet», «Nærings- og fiskeridepartementet»).
_NAME_IN_FULL = regex.compile(r"\p{Lu}\p{L}*(?:-\s+\p{Ll}+\s+\p{L}+)*")


def names_in_full(text: str | None) -> list[str]:
    """The names a field prints in full, in order (:data:`_NAME_IN_FULL`): what an abbreviation elsewhere may stand for."""
    return [collapse(m.group(0)) for m in _NAME_IN_FULL.finditer(text or "")]


def abbreviates(abbreviation: str, name: str) -> bool:
    """Could ``abbreviation`` stand for ``name``? Its letters are the name's, in order, the first its first: «LMD» for
    «Landbruks- og matdepartementet», and so «KLD» for «Klima- og miljødepartementet», which takes a letter that starts
    no part. Only evidence: the document's pairing decides (a table's row and the measure's block)."""
    letters, spelled = abbreviation.casefold(), [c for c in name.casefold() if c.isalpha()]
    if len(letters) < 2 or not letters.isalpha() or not spelled or spelled[0] != letters[0]:
        return False
    rest = iter(spelled[1:])
    return all(letter in rest for letter in letters[1:])


def percentage(text: str | None) -> float | None:
    """The share a cell gives («70 %» → 70.0, «12,5 %» → 12.5); None where it gives none (:func:`is_percentage`)."""
    return float(collapse(text or "").rstrip("%").strip().replace(",", ".")) if is_percentage(text) else None


# A box a form prints before each alternative it offers (a status row «☒ Gjennomført ☐ Pågår ☐ Ikke startet»): ticked
# before the one chosen (a ballot box with a cross or a tick, «[x]», a lone «X», or a tick alone, where the producer
# draws the squares and sets the tick in them as a glyph), empty before the others («☐», «□», «[ ]»; a drawn square
# prints nothing in the text layer).
TICKED_BOX = regex.compile(r"[☒☑✓✔✗✘]|\[\s*[xX✓✔]\s*\]|(?<!\S)[xX](?!\S)")
EMPTY_BOX = regex.compile(r"[☐□]|\[\s*\]")
# What may stand between the alternatives of a row of boxes besides space: a separator.
_BETWEEN_ALTERNATIVES = regex.compile(r"^[\s,;/|·]*$")


@dataclass(frozen=True)
class Checkbox:
    """A box printed in a text (:data:`TICKED_BOX`, :data:`EMPTY_BOX`): where it stands and whether it is ticked."""

    start: int
    end: int
    ticked: bool


def checkboxes_in(text: str) -> list[Checkbox]:
    """The boxes a text prints, in order: what marks one alternative among those listed as chosen."""
    found = [Checkbox(m.start(), m.end(), True) for m in TICKED_BOX.finditer(text)]
    found += [Checkbox(m.start(), m.end(), False) for m in EMPTY_BOX.finditer(text)]
    return sorted(found, key=lambda b: b.start)


def only_between(text: str, spans: Iterable[tuple[int, int]]) -> bool:
    """Is the text its spans and, between them, space and separators alone (a row of alternatives and their boxes,
    with nothing said beside them)?"""
    kept = list(text)
    for start, end in spans:
        kept[start:end] = [" "] * (end - start)
    return bool(_BETWEEN_ALTERNATIVES.match("".join(kept)))


_WORD_REST = regex.compile(r"\w*")


def word_end(text: str, at: int) -> int:
    """Where the word going on at ``at`` ends: a stemmed pattern's match («gjennomfør») read to its word's end."""
    m = _WORD_REST.match(text, at)
    return m.end() if m else at
