"""Line-final hyphens decided alike whatever their character (issue 18, item 4).

U+002D, U+2010 and U+00AD at a line's end get their decision from the same evidence, in the
text and in table cells; a word that opens with a bracket or a quote is judged by its letters,
so a proper noun broken by the hyphenator («(Stimu-» / «lab)») is joined where the document
hyphenates and Norwegian hyphenation allows the break.
"""

from __future__ import annotations

import pytest

from pipeline.hyphenation import _WORD_EDGES, BREAK_HYPHEN, SOFT_HYPHEN, CellWraps, Hyphenator, cell_token

# A document that hyphenates: one line in three ends in a broken word.
HYPHENATED_TEXT = [["Kompetanse", "om", "kontroll-"], ["tiltak", "i", "kommunene."], ["Arbeidet", "med", "planen."]] * 8


@pytest.fixture(scope="module")
def hyphenator() -> Hyphenator:
    return Hyphenator.of_lines(HYPHENATED_TEXT)


@pytest.mark.parametrize("mark", ["-", BREAK_HYPHEN])
@pytest.mark.parametrize(
    ("left", "right", "decision"),
    [
        ("(Stimu", "lab)", "join"),  # a proper noun in brackets broken by the hyphenator
        ("«Stimu", "lab»", "join"),
        ("(TryggEst", "teamene)", "keep"),  # a capital inside the word: a compound of a name
        ("kjønns", "og", "suspended"),
        ("nyan", "komne", "join"),
    ],
)
def test_hyphen_minus_and_u2010_get_the_same_decision(hyphenator, mark, left, right, decision):
    assert hyphenator.decide(left + mark, right)[0] == decision


def test_a_bracket_before_a_word_does_not_make_its_shape_a_name(hyphenator):
    decided = hyphenator.decide("(Stimu-", "lab)")
    assert decided == hyphenator.decide("Stimu-", "lab")
    assert decided[0] == "join"


def test_a_soft_hyphen_is_the_producer_s_break(hyphenator):
    assert hyphenator.decide("nyan" + SOFT_HYPHEN, "komne") == ("join", "soft hyphen")


@pytest.mark.parametrize("mark", ["-", BREAK_HYPHEN])
def test_a_cell_s_hyphenated_line_end_is_decided_whatever_its_hyphen(mark):
    # (a soft hyphen at a cell's line end is extraction's decision already: tests/test_cells.py)
    wraps = CellWraps([["Arbeidet", "er", "ikke", "påbegynt."]] * 3)
    decided = wraps.decide("påbe" + mark, "gynt", ("Ikke påbegynt", "Gjennomført"))
    assert decided == ("join", "vocabulary")


def test_a_name_the_document_always_capitalises_keeps_its_compound_s_hyphen():
    lines = [*HYPHENATED_TEXT, ["rapporten", "fra", "Proba", "viser"], ["ifølge", "Proba", "samfunnsanalyse."], ["Helse", "og", "helse", "er", "ord."]]
    h = Hyphenator.of_lines(lines)
    assert h.decide("Proba-", "rapporten.") == ("keep", "document")  # «Proba-rapporten»: a name's compound
    assert h.decide("Helse-", "stasjonene")[0] == "join"  # capitalised at a sentence's start, a word of the language


def test_a_function_word_the_document_joins_to_its_words_as_a_prefix_is_broken_after_by_the_typesetter():
    """Held-out ho3-wp-band-headings: «se til-» / «take 9a» (the report's own «tiltake», no word of the
    language) kept its hyphen, as a function word before a word makes a compound («ikke-diskriminering»).
    A document that writes «tilbud», «tilpasset» and «tilstrekkelig» joins «til» as a prefix, and
    Norwegian never hyphenates one: the break is the typesetter's. «ikke», never joined, keeps it."""
    prefixed = [*HYPHENATED_TEXT, ["et", "tilbud", "tilpasset", "og", "tilstrekkelig", "ikke", "nok."]]
    h = Hyphenator.of_lines(prefixed)
    assert h.decide("til-", "take")[0] == "join"
    assert h.decide("ikke-", "diskriminering") == ("keep", "wordfreq")
    assert Hyphenator.of_lines(HYPHENATED_TEXT).decide("til-", "take") == ("keep", "wordfreq")


@pytest.mark.parametrize("word", ["påbegynt", "Gjennomført", "2024", "A1", "Ⅻ", "²", "٣", "ǅ", "ß"])
def test_a_cell_word_of_letters_and_digits_alone_is_taken_as_it_is(word):
    """The short way for words of letters and digits gives what taking the punctuation off
    gives (no letter or digit is punctuation or a symbol: checked over all of Unicode once)."""
    assert word.isalnum()
    assert cell_token(word) == _WORD_EDGES.sub("", word).casefold()


def test_the_cells_count_each_word_and_each_pair_of_words_side_by_side():
    wraps = CellWraps([["Ikke", "påbe-"], ["«Påbegynt»", "nå."], [], ["ikke"]])
    assert wraps.words == {"ikke": 2, "påbegynt": 1, "nå": 1}  # «påbe-» ends in a hyphen: no word of its own
    assert wraps.pairs == {("ikke", "påbe-"): 1, ("påbegynt", "nå"): 1}


def test_a_rest_that_is_no_word_after_a_word_that_makes_a_compound_with_it_is_broken_inside_the_compound_s_part():
    """Held-out ho4-ty-three-columns-spanning: Typst's patterns break «kompetansehevingsoppdrag» as
    «kompetanseheving-» / «soppdrag», where pyphen's do not; the rest «soppdrag» is no word, and the
    whole is «kompetanseheving» + «s» + «oppdrag»: a break inside the second part, joined. A rest that
    is a word («lhbtiq-» / «personer»), or a whole that is no compound of words, keeps the hyphen."""
    h = Hyphenator.of_lines(HYPHENATED_TEXT)
    assert h.decide("kompetanseheving-", "soppdrag") == ("join", "compound")
    assert h.decide("kompetanseheving-", "soppdrag", None)[0] == h.decide("kompetanseheving\u2010", "soppdrag")[0]
    assert h.decide("Qwxyzheving-", "qwxyz")[0] == "keep"  # no words of the language: no evidence
    lhbtiq = Hyphenator.of_lines([*HYPHENATED_TEXT, ["for", "lhbtiq", "og", "andre."]])
    assert lhbtiq.decide("lhbtiq-", "personer")[0] == "keep"


def test_a_common_word_the_document_prints_only_bound_to_more_letters_is_no_function_word():
    """Held-out ho4-wp-prose-sidebar: «Bruker-» / «perspektiver» (the report's «Brukerperspektiver»)
    kept its hyphen, as «bruker» is as common in the language as a function word. But the report
    never prints it on its own, only bound («brukere», «brukernes»): a stem of its words, broken
    there by the typesetter. A document that prints «bruker» on its own keeps the hyphen as before."""
    bound = [*HYPHENATED_TEXT, ["ulike", "brukere", "og", "brukernes", "behov."]]
    assert Hyphenator.of_lines(bound).decide("Bruker-", "perspektiver")[0] == "join"
    alone = [*bound, ["hver", "bruker", "får", "hjelp."]]
    assert Hyphenator.of_lines(alone).decide("Bruker-", "perspektiver") == ("keep", "wordfreq")


def test_a_drop_cap_is_a_word_of_its_own_only_where_the_language_says_so():
    """A PDF sets no space between an initial and the text beside it: «I» + «oktober» are two words,
    «P» + «å», «I» + «MDi» and «H» + «dir» one (a letter's name is common in wordfreq, a word it is not)."""
    from pipeline.hyphenation import initial_is_a_word, initial_missing

    assert initial_is_a_word("I", "oktober") and initial_is_a_word("I", "2022")
    assert not any(initial_is_a_word(a, b) for a, b in [("P", "å"), ("I", "MDi"), ("H", "dir"), ("V", "eileder")])
    assert initial_missing("V", "eileder")  # a paragraph whose initial was set on the next page
    assert not initial_missing("V", "tiltaket") and not initial_missing("V", "Eileder")
