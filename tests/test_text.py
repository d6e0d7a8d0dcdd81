import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from pipeline.hyphenation import _EDGE_PUNCTUATION, SPACED_SLASH, printed, token
from pipeline.text import (
    _SPACES,
    abbreviates,
    checkboxes_in,
    collapse,
    comparable,
    compound_numerals,
    is_percentage,
    join_lines,
    latest_dated,
    names_in_full,
    numeral_value,
    only_between,
    repeats_word_for_word,
    word_end,
)

from .helpers import first_words, last_words


def test_lines_are_joined_with_single_spaces():
    assert join_lines(["Det er behov for  ", "  mer kunnskap.", "", "Slutt."]) == "Det er behov for mer kunnskap. Slutt."


def test_line_final_hyphen_in_a_compound_is_kept_without_space():
    assert join_lines(["de kommunale TryggEst-", "teamene"]) == "de kommunale TryggEst-teamene"
    assert join_lines(["ikke-", "diskriminering"]) == "ikke-diskriminering"


def test_suspended_hyphen_keeps_its_space_before_og_and_eller():
    assert join_lines(["kjønns-", "og seksualitetsmangfold"]) == "kjønns- og seksualitetsmangfold"
    assert join_lines(["Nærings-", "eller fiskeridepartementet"]) == "Nærings- eller fiskeridepartementet"


def test_spaced_dash_at_line_end_is_a_dash_not_a_hyphen():
    assert join_lines(["Trygghet, mangfold og åpenhet -", "Regjeringens handlingsplan"]) == (
        "Trygghet, mangfold og åpenhet - Regjeringens handlingsplan"
    )


def test_comparable_ignores_case_dash_kind_and_final_period():
    assert comparable("Plan (2024–2028).") == comparable("plan (2024-2028)")
    assert comparable("Styrke det nordisk samarbeidet") != comparable("Styrke det nordiske samarbeidet")


def test_first_and_last_words():
    assert first_words("a b c d", 2) == "a b"
    assert last_words("a b c d", 3) == "b c d"
    assert last_words(None, 3) == ""


# Norwegian letters, digits, punctuation and every kind of white space a PDF's text may hold
_TEXT = st.text(st.sampled_from(list("aæøåZ9 .,-«»–\u00a0\u00ad\u2009\u202f\t\n\x1c²") + ["\u0301"]), max_size=12)


@given(_TEXT)
def test_collapse_and_token_keep_their_meaning_on_their_quick_paths(text):
    """The quick paths (a line of single spaces, a word of letters and digits) give what the patterns give."""
    assert collapse(text) == _SPACES.sub(" ", text).strip()
    assert token(text) == _EDGE_PUNCTUATION.sub("", text).casefold()


def test_a_line_broken_after_a_slash_or_a_dash_glued_to_its_word_gains_no_space():
    assert join_lines(["kroppslig kjønnsutvikling/", "interkjønnpersoner og"]) == "kroppslig kjønnsutvikling/interkjønnpersoner og"
    assert join_lines(["handlingsplanen (2024\u2013", "2028) mot"]) == "handlingsplanen (2024\u20132028) mot"
    assert join_lines(["åpenhet \u2013", "og dialog"]) == "åpenhet \u2013 og dialog"  # a dash standing alone is punctuation


def test_a_slash_extraction_marked_as_printed_with_a_space_after_it_keeps_that_space():
    assert join_lines([f"behov for endringer{SPACED_SLASH}", "ytterligere regelverk"]) == "behov for endringer/ ytterligere regelverk"
    assert join_lines([f"behov for endringer{SPACED_SLASH}"]) == "behov for endringer/"  # a field's last line: nothing to keep it before
    assert printed(f"endringer{SPACED_SLASH}") == "endringer/"  # the evidence reads the text as printed


def test_roman_numerals_read_and_written_alike():
    """One place for roman numerals: a measure's «Tiltak IV» read, and a Word or web list's counter
    written (i, ii, iii …); a sequence of letters that is no numeral reads as none."""
    from pipeline.text import roman_numeral, roman_value

    assert [roman_numeral(n) for n in (1, 4, 9, 14, 40, 90, 400, 1994, 3999)] == ["I", "IV", "IX", "XIV", "XL", "XC", "CD", "MCMXCIV", "MMMCMXCIX"]
    assert all(roman_value(roman_numeral(n)) == n for n in range(1, 4000))
    assert [roman_value(t) for t in ("IIII", "IC", "B", "", "iv")] == [None] * 5
    assert roman_numeral(0) == roman_numeral(4000) == ""


def test_a_passage_repeats_the_text_word_for_word_whatever_its_quotation_marks_spacing_and_line_breaks():
    """A pull quote's test, which the PDF and the HTML readers share: its words, in order, are the text's."""
    text = "Det skal også kartlegges hvordan man kan lette voldsutsattes muligheter for sekundær- bosetting. Ny kunnskap skal bidra."
    assert repeats_word_for_word("«Det skal også kartlegges hvordan man kan lette voldsutsattes muligheter for sekundærbosetting.»", text)
    assert repeats_word_for_word("«det skal også  kartlegges»", text)  # case and spacing aside
    assert not repeats_word_for_word("«Det skal også kartlegges hvordan man kan lette flyktningers muligheter»", text)  # another word
    assert not repeats_word_for_word("«Ny kunnskap skal det også kartlegges»", text)  # the text's words, not in its order
    assert not repeats_word_for_word("«Ny kunnskap»", text)  # too few words to be a quotation of it


@pytest.mark.parametrize(("cell", "share"), [("70 %", True), ("0%", True), ("100\u00a0%", True), ("12,5 %", True), ("Pågår", False), ("70", False), ("", False)])
def test_a_cell_that_gives_a_share_is_a_percentage(cell, share):
    """A table's «Gjennomføringsgrad» cells («70 %», «0%»): how far a measure has come, no status word."""
    assert is_percentage(cell) is share


# --- numbers in words above twenty, and abbreviations (issue 19, held-out batch 6) ------------------------------------

ONES = ["null", "en|ett|ein|eitt", "to", "tre", "fire", "fem", "seks", "sju|syv", "åtte", "ni", "ti", "elleve", "tolv"]
TENS = ["tjue|tyve", "tretti|tredve", "førti", "femti", "seksti", "sytti", "åtti", "nitti"]


@pytest.mark.parametrize(
    ("printed", "value"),
    [
        ("tolv", 12),
        ("tjue", 20),
        ("tjueen", 21),
        ("tjueto", 22),
        ("tjuefem", 25),
        ("tjueein", 21),  # nynorsk
        ("enogtjue", 21),
        ("femogtjue", 25),
        ("syvogtredve", 37),  # older bokmål
        ("trettito", 32),
        ("førti", 40),
        ("femti", 50),
        ("nittini", 99),
        ("Tjuefem", 25),
        ("tjue\u00adfem", 25),  # a soft hyphen between its parts
        ("fem\u00adog\u00adtjue", 25),
    ],
)
def test_a_number_in_words_is_read_to_ninety_nine_from_its_units_and_tens(printed, value):
    """Norwegian composes a number above twenty of a ten and a unit, the ten first («tjuefem») or the unit first
    joined by «og» («femogtjue»): the words of the units and the tens read every number to 99."""
    assert numeral_value(printed, ONES, TENS, "og") == value


def test_a_word_that_is_no_number_reads_as_none_and_without_tens_only_the_listed_words_count():
    assert numeral_value("tjuetjue", ONES, TENS, "og") is None
    assert numeral_value("tiltak", ONES, TENS, "og") is None
    assert numeral_value("tjuefem", ONES) is None
    assert numeral_value("fem", ONES) == 5


def test_the_compound_numbers_pattern_finds_those_the_listed_words_do_not_reach():
    """«tjuefem», «femogtjue», «førti» are found; «tolv» and «tjue», listed words, and «fem» alone are not."""
    listed_to_twenty = [*ONES, "tretten", "fjorten", "femten", "seksten", "sytten", "atten", "nitten", "tjue|tyve"]
    found = regex.compile(rf"(?i)\b(?:{compound_numerals(listed_to_twenty, TENS, 'og')})\b")
    text = "tjueen av planens tjuefem tiltak, femogtjue i alt, førti til sammen, tolv, tjue og fem, tjue\u00adto"
    assert found.findall(text) == ["tjueen", "tjuefem", "femogtjue", "førti", "tjue\u00adto"]
    assert compound_numerals(listed_to_twenty, (), "og") == ""


@pytest.mark.parametrize(
    ("abbreviation", "name", "stands_for"),
    [
        ("LMD", "Landbruks- og matdepartementet", True),
        ("KLD", "Klima- og miljødepartementet", True),  # a letter that starts no part
        ("NFD", "Nærings- og fiskeridepartementet", True),
        ("FIN", "Finansdepartementet", True),
        ("KLD", "Landbruks- og matdepartementet", False),  # not its first letter
        ("LMD", "Kommunal- og distriktsdepartementet", False),
        ("KDD", "Kunnskapsdepartementet", False),  # one «d» too many
        ("K", "Kunnskapsdepartementet", False),
    ],
)
def test_an_abbreviation_spells_its_names_letters_in_order_from_its_first(abbreviation, name, stands_for):
    assert abbreviates(abbreviation, name) is stands_for


def test_the_names_a_field_prints_in_full_keep_a_suspended_compound_whole():
    assert names_in_full("Klima- og miljødepartementet i samarbeid med Nærings- og fiskeridepartementet") == [
        "Klima- og miljødepartementet",
        "Nærings- og fiskeridepartementet",
    ]
    assert names_in_full("Kunnskapsdepartementet") == ["Kunnskapsdepartementet"]
    assert names_in_full(None) == []


def test_the_boxes_a_text_prints_are_found_in_order_ticked_or_empty():
    """Held-out batch 8 (avkrysning-status-skjema): a form's row of alternatives, each after a box, one ticked."""
    assert [b.ticked for b in checkboxes_in("☐ A ☒ B [ ] C [x] D X E □ F ✔ G")] == [False, True, False, True, True, False, True]
    assert checkboxes_in("Xylofon og X-stråler i MAX") == [], "an X within a word, or glued to one, is no box"
    assert only_between("☐ Pågår / ☒ Forsinket", [(0, 1), (2, 7), (10, 11), (12, 21)])
    assert not only_between("☐ Pågår (i rute)", [(0, 1), (2, 7)]), "it says more than its alternatives"
    assert word_end("Ikke startet", 8) == 12 and word_end("gjennomført.", 9) == 11


def test_of_columns_dated_by_their_headers_the_latest_year_s_is_the_current():
    """Held-out batch 8 (tabellrader-radspenn-aarsstatus): «Status 2023 | Status 2024» (and batch 7's «2022 | 2023 |
    2024»): the latest year's column says where a measure stands now, in whatever order the years are printed; a
    header naming no year, or a number that is no year, dates nothing."""
    headers = ["Nr.", "Status 2023", "Status 2024", "Kommentar", "2022"]
    assert latest_dated(headers, range(len(headers))) == 2
    assert latest_dated(["Status 2024", "Status 2023"], [0, 1]) == 0
    assert latest_dated(headers, [1, 4]) == 1  # only the columns asked about
    assert latest_dated(["Status", "Frist 12", "Kommentar"], range(3)) is None
    assert latest_dated(["2024", "Status 2024"], [0, 1]) == 0  # the first of two naming the same year
