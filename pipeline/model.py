"""Plain data passed between the stages.

Frozen dataclasses with JSON round-trips, so that every stage's output can be
written to ``output/<report_id>/stages/`` and read back by the next stage run on
its own. Coordinates are pdfplumber's: points, origin at the top-left of the
page, ``page`` 1-based physical page of the PDF file.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields, is_dataclass, replace
from functools import cache
from typing import Any, TypeVar, cast, get_args, get_origin, get_type_hints

from pipeline.findings import Finding

T = TypeVar("T")

# A field added to a result after its stage files were first written, left out of the JSON while it
# has its default value: what an older result wrote stays byte for byte what it writes (``field(...,
# metadata=OMIT_DEFAULT)``).
OMIT_DEFAULT = {"omit": "default"}


@dataclass(frozen=True)
class Box:
    """Where a piece of text sits on a page."""

    page: int
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    fontname: str
    bold: bool
    space_before: bool = True
    # for a word ending in a hyphen: whether the PDF's text has a space after it; for one ending in a
    # slash: True where the PDF prints a space after it as the last glyph of its line, None otherwise
    space_after: bool | None = None
    color: str = ""  # fill colour as #rrggbb; "" for black

    @property
    def italic(self) -> bool:
        """Set in an italic or oblique face, as the font's name says («Carlito-Italic», «Arial,Italic»)."""
        return font_slanted(self.fontname)

    @property
    def underlined(self) -> bool:
        """Whether a drawn rule underlines it: only an :class:`UnderlinedWord` is."""
        return False

    def with_underline(self) -> UnderlinedWord:
        """The same word, over a drawn underline."""
        return UnderlinedWord(**{name: getattr(self, name) for name in _field_names(Word)})


@dataclass(frozen=True)
class UnderlinedWord(Word):
    """A word a drawn rule underlines, spanning the run of words it stands in end to end (an underlined
    heading, a link). A class of its own rather than a field of every word left out at its default: the
    words of a document, none of them underlined in most, are then written by orjson whole, and read
    back on the fast path, not walked one by one in Python (which cost a warm run a third of its time);
    its JSON is a word's with ``"underlined": true`` after the rest."""

    underlined: bool = True  # a field here, where a Word's is a property


def has_letters(text: str) -> bool:
    """Whether a word has letters or digits (is not a bullet or punctuation alone); most words
    start with one, which answers without looking at the rest."""
    return text[:1].isalnum() or any(c.isalnum() for c in text)


def words_text(words: tuple[Word, ...] | list[Word]) -> str:
    """Printed text of words; words split only by a font change stay glued."""
    if not words:
        return ""
    return words[0].text + "".join([" " + w.text if w.space_before else w.text for w in words[1:]])


@dataclass(frozen=True)
class Line:
    """One printed line of body text, with its words' layout."""

    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        """The words' printed text, made once (the stages ask a line for it some ten thousand times a run):
        kept under a private name, which no writer of a line (pickle aside) and no comparison sees."""
        text = self.__dict__.get("_text")
        if text is None:
            text = self.__dict__["_text"] = words_text(self.words)
        return text

    @property
    def bold(self) -> bool:
        """True when every word with letters or digits is bold (the stages ask every line: the first
        plain word with letters ends the question, as it does on most lines)."""
        seen = False
        for w in self.words:
            if has_letters(w.text):
                if not w.bold:
                    return False
                seen = True
        return seen

    @property
    def italic(self) -> bool:
        """True when every word with letters or digits is set in an italic face."""
        return self._every_inked_word("italic")

    @property
    def underlined(self) -> bool:
        """True when every word with letters or digits stands over a drawn underline."""
        return self._every_inked_word("underlined")

    def _every_inked_word(self, style: str) -> bool:
        """Is every word with letters or digits so styled (and there is one)? (Most lines' first word answers:
        no list of the inked words is made first; :attr:`bold`, asked of every line, keeps its own loop.)"""
        seen = False
        for w in self.words:
            if has_letters(w.text):
                if not getattr(w, style):
                    return False
                seen = True
        return seen

    @property
    def box(self) -> Box:
        return Box(self.page, self.x0, self.top, self.x1, self.bottom)

    @property
    def inked(self) -> tuple[Word, ...]:
        """Words with letters or digits (not bullets or punctuation alone)."""
        return tuple(w for w in self.words if has_letters(w.text))

    @property
    def color(self) -> str:
        """The colour its inked words share, or "mixed"."""
        colours = {w.color for w in self.inked}
        return colours.pop() if len(colours) == 1 else "mixed"

    @property
    def family(self) -> str:
        """The font family its inked words share, or "mixed"."""
        families = {font_family(w.fontname) for w in self.inked}
        return families.pop() if len(families) == 1 else "mixed"


_STYLE_SUFFIX = ("bolditalic", "boldoblique", "semibold", "demibold", "bold", "italic", "oblique", "regular", "book", "roman", "medium", "mt", "ps")


@cache  # a document has a few fonts and ten thousand words
def font_family(fontname: str) -> str:
    """A font's family: its name without subset prefix and style ("Carlito-Bold" → "carlito")."""
    name = fontname.split("+", 1)[-1].lower().replace(" ", "").replace("_", "")
    base, _, style = name.partition("-") if "-" in name else name.partition(",")
    for suffix in _STYLE_SUFFIX:
        if base.endswith(suffix) and len(base) > len(suffix):
            base = base[: -len(suffix)]
    return base


@cache
def font_slanted(fontname: str) -> bool:
    """Is the font an italic or oblique face, by its name (the subset prefix aside)?"""
    name = fontname.split("+", 1)[-1].lower()
    return "italic" in name or "oblique" in name


@dataclass(frozen=True)
class Marker:
    """A superscript footnote marker, taken out of the word it was glued to."""

    number: int
    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    after: str


@dataclass(frozen=True)
class Footnote:
    number: int
    text: str
    page: int
    x0: float
    top: float
    x1: float
    bottom: float


def sections_offsets(numbers: Sequence[int]) -> list[int]:
    """Notes numbered anew in each section («1.» under each «Noter»), in reading order: what to add
    to each note's number to number them through the document, so that a number names one note. A
    section starts where a number is no higher than the one before; its numbers go on from the
    highest of the sections before it. All 0 where the numbers never go back."""
    offsets: list[int] = []
    offset = highest = 0
    for k, number in enumerate(numbers):
        if k and number <= numbers[k - 1]:
            offset = highest
        offsets.append(offset)
        highest = max(highest, offset + number)
    return offsets


@dataclass(frozen=True)
class Link:
    """A link annotation, with the words printed under it."""

    uri: str
    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    anchor_text: str


@dataclass(frozen=True)
class Dropped:
    """A line that extraction removed from the body text, and why."""

    page: int
    text: str
    reason: str


RUNNING_REASON = "running header/footer"  # a Dropped line's reason where it is a page's furniture


UNCERTAIN_EVIDENCE = ("shape", "pyphen", "compound", "default")


@dataclass(frozen=True)
class Hyphen:
    """A line-final hyphen and what was decided for it (see :mod:`pipeline.hyphenation`)."""

    page: int
    left: str  # the broken word's first part, with the hyphen as printed
    right: str  # the first word of its continuation
    decision: str  # "join" | "keep" | "suspended"
    evidence: str  # the evidence that decided

    @property
    def uncertain(self) -> bool:
        """Decided on evidence too weak to be sure (the shape of the word, hyphenation patterns, or none)."""
        return self.evidence in UNCERTAIN_EVIDENCE

    @property
    def joined(self) -> str:
        """The word as it reads in the extracted text."""
        stem = self.left[:-1]
        return {"join": stem + self.right, "keep": f"{stem}-{self.right}", "suspended": f"{stem}- {self.right}"}[self.decision]


@dataclass(frozen=True)
class ElementBox:
    """Where a marked-up edition (Word, HTML) set one of its elements on a typeset page: the box round
    the element's lines on that page, and the element as the edition names it («p 12», «table 1, row 3,
    cell 2, p 1», «footnote 4»). A PDF has none: its page and box are all there is to name."""

    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    element: str


def element_at(box: Box, elements: Sequence[ElementBox]) -> str | None:
    """The element a box lies in: of those set on its page, the one whose box covers most of it (a
    line that runs across two elements, as cells side by side may, is the one it covers most of; the
    first set on a tie), or None where none covers any of it (a PDF's boxes: no elements)."""
    best, most = None, 0.0
    for e in elements:
        if e.page != box.page:
            continue
        area = max(0.0, min(box.x1, e.x1) - max(box.x0, e.x0)) * max(0.0, min(box.bottom, e.bottom) - max(box.top, e.top))
        if area > most:
            best, most = e.element, area
    return best


@dataclass(frozen=True)
class PageInfo:
    number: int
    width: float
    height: float


@dataclass(frozen=True)
class Document:
    """The extract stage's result: body lines in reading order plus the rest."""

    source: str
    sha256: str
    page_count: int
    body_size: float
    left_margin: float
    pages: tuple[PageInfo, ...]
    lines: tuple[Line, ...]
    footnotes: tuple[Footnote, ...] = ()
    markers: tuple[Marker, ...] = ()
    links: tuple[Link, ...] = ()
    dropped: tuple[Dropped, ...] = ()
    metadata: dict[str, str] = field(default_factory=dict)
    source_path: str = ""  # where the PDF was read from (for the review's page images)
    hyphens: tuple[Hyphen, ...] = ()  # every line-final hyphen, with its decision and evidence
    right_margin: float = 0.0  # where full lines of body text end
    body_family: str = ""  # the font family most body text is set in
    body_color: str = ""  # the colour most body text is set in
    engine: str = "pdfplumber"  # the extraction engine that read its pages (pipeline.stages.engines)
    # what reading it found to say (damage worked around, links unreadable) and how sure the
    # profile chosen for it is: kept here so that validation, run alone from the stage files, says it too
    findings: tuple[Finding, ...] = ()
    # an edition's elements where they were set (pipeline.stages.editions.typeset); left out of the
    # stage file while empty, so that a PDF's is written as before
    elements: tuple[ElementBox, ...] = field(default=(), metadata=OMIT_DEFAULT)
    # how far right of the document's text block (left_margin to right_margin) each page's stands, page by
    # page from the first (pipeline.stages.extract.text_block_shifts): a book's mirrored margins set it
    # further right on every other page. Empty where it stands alike on every page (nearly every
    # document: left out of the stage file then)
    shifts: tuple[float, ...] = field(default=(), metadata=OMIT_DEFAULT)

    def shift_on(self, page: int) -> float:
        """How far right of the document's text block the text block of ``page`` stands (0 but on a
        shifted page: :attr:`shifts`)."""
        return shift_on(self.shifts, page)

    def right_margin_on(self, page: int) -> float:
        """Where full lines of body text end on ``page`` (0.0 where the document's is not known)."""
        return self.right_margin and self.right_margin + self.shift_on(page)

    def aligned_x0(self, line: Line) -> float:
        """Where ``line`` starts in the document's text block: its x0 less its page's shift. A line at the margin
        of a page whose text block is shifted (an odd page of a book) starts at the document's margin so."""
        return line.x0 - self.shift_on(line.page)


def shift_on(shifts: Sequence[float], page: int) -> float:
    """How far right of the document's text block the text block of ``page`` stands, of the ``shifts`` of every
    page from the first (:attr:`Document.shifts`; none: 0 on every page)."""
    return shifts[page - 1] if 0 < page <= len(shifts) else 0.0


def shifted(line: Line, by: float) -> Line:
    """``line`` and its words moved ``by`` points right (left where negative)."""
    if not by:
        return line
    return replace(line, x0=line.x0 + by, x1=line.x1 + by, words=tuple(replace(w, x0=w.x0 + by, x1=w.x1 + by) for w in line.words))


def aligned(lines: Iterable[Line], shifts: Sequence[float]) -> list[Line]:
    """The lines as they would stand if every page's text block stood where the document's does (each moved left by
    its page's shift, :attr:`Document.shifts`): what the document's margins and columns are measured on, so that
    a shifted page's lines count where they stand in its block. The document keeps its lines where they are printed."""
    return [shifted(ln, -shift_on(shifts, ln.page)) for ln in lines] if shifts else list(lines)


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


# A dataclass whose instances may be of a subclass with more fields, written with them: the subclasses
# a JSON object is read as where it has their fields (a word and an underlined one).
_VARIANTS: dict[type, tuple[type, ...]] = {Word: (UnderlinedWord,)}


def _variant(tp: type, data: Any) -> type:
    """The class to read a JSON object as, where ``tp`` is expected: the variant of ``tp`` whose fields it
    has more of than ``tp``'s, or ``tp``."""
    for variant in _VARIANTS.get(tp, ()):
        extra = _field_names(variant)[len(_field_names(tp)) :]
        if isinstance(data, dict) and any(name in data for name in extra):
            return variant
    return tp


_KEEP = object()


@cache
def _emitted(cls: type) -> tuple[tuple[str, Any], ...]:
    """(name, the default to leave out, or _KEEP) of each field of a dataclass."""
    return tuple((f.name, f.default if f.metadata.get("omit") == "default" else _KEEP) for f in fields(cls))


@cache
def _omits(tp: Any) -> bool:
    """Does the type, or a type inside it, have fields left out at their defaults?"""
    if is_dataclass(tp) and isinstance(tp, type):
        return any(o is not _KEEP for _, o in _emitted(tp)) or any(_omits(h) for h in get_type_hints(tp).values())
    return any(_omits(a) for a in get_args(tp) if a is not Ellipsis)


@cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


def for_json(obj: Any) -> Any:
    """What orjson is given for a result, for it to write what it writes of :func:`to_jsonable`'s: a
    dataclass whose type leaves fields out at their defaults (OMIT_DEFAULT) as the dict of the fields it
    keeps, and in it, likewise, the values of the fields whose types may leave some out; every other
    value as it is, which orjson writes fast (a dataclass as its fields, a tuple as an array). So only
    what may leave fields out is walked: not the words and boxes of every line of the tiltak."""
    if isinstance(obj, (list, tuple)):
        return [for_json(v) for v in obj]
    if isinstance(obj, dict):
        return {k: for_json(v) for k, v in obj.items()}
    cls = type(obj)
    if not (is_dataclass(cls) and _omits(cls)):
        return obj
    hints = _hints(cls)
    return {name: for_json(value) if _omits(hints[name]) else value for name, value in _shallow(obj).items()}


def _shallow(obj: Any) -> dict[str, Any]:
    """A dataclass as a dict of its fields, those at their default left out where they may be, the values as they are."""
    cls: Any = type(obj)  # a type is hashable; typeshed's type[Any] does not say so
    out = {}
    for name, omitted in _emitted(cls):
        value = getattr(obj, name)
        if omitted is _KEEP or value != omitted:
            out[name] = value
    return out


def to_jsonable(obj: Any) -> Any:
    """Dataclasses → dicts, tuples → lists; the inverse is :func:`from_jsonable`.

    Walks the objects itself rather than through ``dataclasses.asdict``, whose deep
    copies made writing the stage files cost a quarter of a run.
    """
    if isinstance(obj, (str, int, float, bool)) or obj is None:
        return obj
    if isinstance(obj, (list, tuple)):
        return [to_jsonable(v) for v in obj]
    if isinstance(obj, dict):
        return {k: to_jsonable(v) for k, v in obj.items()}
    if is_dataclass(obj) and not isinstance(obj, type):
        return {name: to_jsonable(value) for name, value in _shallow(obj).items()}
    return obj


def from_jsonable(cls: type[T], data: Any) -> T:
    """Rebuild a (nested) dataclass from what :func:`to_jsonable` produced."""
    return _build(cls, data)


def _build(tp: Any, data: Any) -> Any:
    if data is None:
        return None
    origin = get_origin(tp)
    if is_dataclass(tp) and isinstance(tp, type):
        tp = _variant(tp, data)
        hints = get_type_hints(tp)
        kwargs = {f.name: _build(hints[f.name], data[f.name]) for f in fields(tp) if f.name in data}
        return tp(**kwargs)
    if origin is tuple:
        args = get_args(tp)
        return tuple(_build(args[0], v) for v in data)
    if origin is list:
        (arg,) = get_args(tp)
        return [_build(arg, v) for v in data]
    if origin is dict:
        _, val = get_args(tp)
        return {k: _build(val, v) for k, v in data.items()}
    arms = [a for a in get_args(tp) if a is not type(None)]
    if arms and origin is not None:  # Optional[X] / X | None
        return _build(arms[0], data)
    return data


class ShapeError(ValueError):
    """Data that does not have the shape of the type it is read as."""


def from_jsonable_strict(cls: type[T], data: Any) -> T:
    """:func:`from_jsonable` for data someone else may have written (a cache entry): every value
    is checked against its declared type, every dataclass must have exactly its fields (in their
    order, as :func:`to_jsonable` and orjson write them), and anything else raises
    :class:`ShapeError`, so that a bad value fails here and not later in export.

    Values are kept as read (an int in a float field stays an int, as the JSON of the result
    written had it), so a round trip gives an equal result that exports the same bytes.
    """
    return _checker(cast(Any, cls))(data)  # a type is hashable; typeshed's type[T] does not say so


def _refuse(tp: Any, data: Any) -> Any:
    raise ShapeError(f"{type(data).__name__} where {getattr(tp, '__name__', tp)} is expected")


_LEAVES: dict[Any, tuple[type, ...]] = {str: (str,), int: (int,), float: (int, float), bool: (bool,), type(None): (type(None),)}


@cache  # one checker per type, built once: rebuilding a document checks ten thousand words
def _checker(tp: Any) -> Any:
    """The function that checks data against ``tp`` and rebuilds it (see :func:`from_jsonable_strict`)."""
    if tp in _LEAVES:
        kinds = _LEAVES[tp]  # exact types: bool is no int here, as JSON tells them apart
        return lambda data: data if type(data) in kinds else _refuse(tp, data)
    if is_dataclass(tp):
        return _dataclass_checker(tp)
    origin, args = get_origin(tp), get_args(tp)
    if origin in (tuple, list) and (args[1:] == (Ellipsis,) if origin is tuple else len(args) == 1):
        return _sequence_checker(tp, origin, args[0])
    if origin is tuple and args:
        items = tuple(_checker(a) for a in args)
        return lambda data: tuple(c(v) for c, v in zip(items, data)) if type(data) is list and len(data) == len(items) else _refuse(tp, data)
    if origin is dict and len(args) == 2 and args[0] is str:
        key, value = _checker(str), _checker(args[1])
        return lambda data: {key(k): value(v) for k, v in data.items()} if type(data) is dict else _refuse(tp, data)
    if args and type(None) in args:  # X | None
        arms = [_checker(a) for a in args if a is not type(None)]
        if len(arms) == 1:
            (arm,) = arms
            return lambda data: None if data is None else arm(data)
    raise TypeError(f"no strict reading of {tp!r}")  # a type the stages' results never had: add it above


def _sequence_checker(tp: Any, origin: type, item_type: Any) -> Any:
    """``tuple[X, ...]`` or ``list[X]`` from a JSON array (an array of plain values checked in one pass)."""
    if item_type in _LEAVES:
        kinds = _LEAVES[item_type]
        return lambda data: origin(data) if type(data) is list and all(type(v) in kinds for v in data) else _refuse(tp, data)
    item = _checker(item_type)
    return lambda data: origin(map(item, data)) if type(data) is list else _refuse(tp, data)


def _dataclass_checker(tp: Any) -> Any:
    """Checks an object with exactly ``tp``'s fields, in their order (as written); the fields'
    checkers are made on first use, as a dataclass may refer to itself.

    The object is made as unpickling makes it, its attributes set without ``__init__`` (which
    a frozen dataclass makes slow): a third of the time of rebuilding a document. A dataclass
    whose ``__init__`` does more than set its fields is made through it.
    """
    names = _field_names(tp)
    defaults = {name: omitted for name, omitted in _emitted(tp) if omitted is not _KEEP}
    plain = not hasattr(tp, "__post_init__") and not hasattr(tp, "__slots__")
    plan: list[tuple[list[tuple[str, tuple[type, ...]]], list[tuple[str, Any]]]] = []

    variants = _VARIANTS.get(tp, ())

    def check(data: Any) -> Any:
        if type(data) is not dict:
            return _refuse(tp, data)
        if tuple(data) != names and variants and (wider := _variant(tp, data)) is not tp:
            return _checker(wider)(data)
        left_out: frozenset[str] = frozenset()
        if tuple(data) != names:  # fields left out at their defaults (OMIT_DEFAULT), the others in order
            if not defaults or tuple(data) != tuple(n for n in names if n in data) or any(n not in data and n not in defaults for n in names):
                return _refuse(tp, data)
            left_out = frozenset(n for n in names if n not in data)
            data = {n: data[n] if n in data else defaults[n] for n in names}
        if not plan:
            plan.append(_field_plan(tp, names))
        leaves, nested = plan[0]
        for name, kinds in leaves:
            if type(data[name]) not in kinds:
                return _refuse(tp, data)
        values = dict(data)
        for name, check_value in nested:
            if name not in left_out:  # (a default is the type's own value, no JSON to check: an empty tuple is no array)
                values[name] = check_value(values[name])
        if not plain:
            return tp(**values)
        made: Any = object.__new__(tp)
        object.__setattr__(made, "__dict__", values)
        return made

    return check


def _field_plan(tp: type, names: tuple[str, ...]) -> tuple[list[tuple[str, tuple[type, ...]]], list[tuple[str, Any]]]:
    """A dataclass's fields of plain values (name, the types allowed) and the others (name, checker)."""
    hints = get_type_hints(tp)
    leaves = [(name, _LEAVES[hints[name]]) for name in names if hints[name] in _LEAVES]
    nested = [(name, _checker(hints[name])) for name in names if hints[name] not in _LEAVES]
    return leaves, nested
