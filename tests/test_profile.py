import gc
import os
import re
import tomllib

import pytest

from pipeline.choice import infer
from pipeline.choice.infer import render_toml
from pipeline.cli import main
from pipeline.errors import ProfileError
from pipeline.profiles.loader import PROFILE_DIR, load_profile, parse_profile


def raw() -> dict:
    return tomllib.loads((PROFILE_DIR / "frihet-sluttrapport.toml").read_text(encoding="utf-8"))


def test_default_profile_loads_with_the_table_vocabulary(profile):
    assert profile.name == "frihet-sluttrapport"
    assert profile.status_names == ("Ferdigstilt", "Videreføres")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Tiltaket er ferdigstilt.", "Ferdigstilt"),
        ("Tiltaket ferdigstilt.", "Ferdigstilt"),
        ("Tiltaket videreføres i Opptrappingsplan mot vold (2024–2028).", "Videreføres"),
        ("Tiltaket er igangsatt.", "ukjent"),
        ("", None),
    ],
)
def test_status_sentences_are_normalised_to_the_vocabulary(profile, sentence, expected):
    assert profile.normalise_status(sentence) == expected


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("☒ Ferdigstilt ☐ Videreføres", "Ferdigstilt"),
        ("☐ Ferdigstilt ☒ Videreføres", "Videreføres"),
        ("☐ Ferdigstilt ☑ Videreføres", "Videreføres"),
        ("[ ] Ferdigstilt [x] Videreføres", "Videreføres"),
        ("☐ Ferdigstilt X Videreføres", "Videreføres"),
        ("Ferdigstilt ✔ Videreføres", "Videreføres"),  # the squares drawn, the tick a glyph: only the tick is in the text
        ("☐ Ferdigstilt / ✓ Videreføres", "Videreføres"),
        ("✔ Ferdigstilt", "Ferdigstilt"),
        ("☐ Ferdigstilt ☐ Videreføres", "ukjent"),  # none ticked: the row names no one status
        ("☒ Ferdigstilt ☒ Videreføres", "ukjent"),  # both
        ("Ferdigstilt i 2023 ✓ videreføres", "Ferdigstilt"),  # a sentence says more than a row of boxes: as before
    ],
)
def test_a_row_of_boxes_is_the_status_it_ticks(profile, row, expected):
    """Held-out batch 8 (avkrysning-status-skjema): a form's status row prints every status, each after a box, the
    current one ticked («☒ Gjennomført ☐ Pågår ☐ Ikke startet»): its status is the value after the ticked box, not the
    first it lists (every measure was read «Gjennomført»)."""
    assert profile.normalise_status(row) == expected


def test_a_status_printed_as_its_mark_is_the_status_the_profile_gives_the_mark():
    """«symbol»: the mark an overview table prints for a status where a legend names the marks (held-out batch 5,
    «● Gjennomført ◐ Pågår»): a cell that prints the mark alone is that status; any other cell stays as printed."""
    data = raw()
    data["status"]["values"][0]["symbol"] = "●"
    profile = parse_profile(data)
    assert [profile.status_of_mark(cell) for cell in ("●", " ● ", "◐", "Ferdigstilt", "● delvis")] == [
        "Ferdigstilt",
        "Ferdigstilt",
        "◐",
        "Ferdigstilt",
        "● delvis",
    ]
    assert parse_profile(raw()).status_of_mark("●") == "●"  # a profile that names no mark keeps the cell


def test_a_status_says_the_share_done_it_stands_for_100_or_0_and_nothing_else():
    """«progress»: a status may say it stands for done (100) or not started (0), what a table's percentages are
    held against; a profile that says it of none has no status at either, and any other share is refused."""
    data = raw()
    data["status"]["values"][0]["progress"] = 100
    data["status"]["values"][1]["progress"] = 0
    profile = parse_profile(data)
    assert (profile.statuses_at(100), profile.statuses_at(0)) == ({"Ferdigstilt"}, {"Videreføres"})
    assert parse_profile(raw()).statuses_at(100) == frozenset()
    data["status"]["values"][0]["progress"] = 50
    with pytest.raises(ProfileError, match=r"status\.values\[0\]\.progress"):
        parse_profile(data)
    data["status"]["values"][0]["progress"] = True
    with pytest.raises(ProfileError, match=r"status\.values\[0\]\.progress"):
        parse_profile(data)


def test_an_unknown_key_is_named():
    data = raw()
    data["status"]["valuez"] = []
    with pytest.raises(ProfileError, match=r"status\.valuez"):
        parse_profile(data)


def test_a_bad_pattern_is_named():
    data = raw()
    data["headings"]["tiltak"]["pattern"] = "^Tiltak (?P<nr>\\d+"
    with pytest.raises(ProfileError, match=r"headings\.tiltak\.pattern"):
        parse_profile(data)


def test_a_heading_pattern_without_its_groups_is_refused():
    data = raw()
    data["headings"]["tiltak"]["pattern"] = "^Tiltak \\d+"
    with pytest.raises(ProfileError, match="nr"):
        parse_profile(data)


def test_a_focus_area_that_names_its_ministry_may_print_no_number_and_no_other_heading_names_one():
    """``names_department``: a focus area's heading that is a ministry's name alone («Kunnskapsdepartementet») needs no
    group nr; without it the nr is required, and no other kind of heading takes the key."""
    data = raw()
    data["headings"]["innsatsomrade"] = {"pattern": "^(?P<title>\\p{L}+departementet)$", "names_department": True}
    assert parse_profile(data).headings["innsatsomrade"].names_department
    data["headings"]["innsatsomrade"]["names_department"] = False
    with pytest.raises(ProfileError, match="nr"):
        parse_profile(data)
    data = raw()
    data["headings"]["tiltak"]["names_department"] = True
    with pytest.raises(ProfileError, match=r"headings\.tiltak\.names_department"):
        parse_profile(data)


@pytest.mark.parametrize(
    ("printed", "value"),
    [("12", 12), ("ti", 10), ("Fire", 4), ("sju", 7), ("syv", 7), ("eitt", 1), ("null", 0), ("tjueen", 21), ("femogtjue", 25), ("trettito", 32), ("førti", 40)],
)
def test_a_count_is_read_in_digits_or_in_the_base_profiles_number_words(printed, value):
    """«Av totalt ti tiltak er fire gjennomført»: a number word's value is its place in ``number_words``, bokmål and nynorsk;
    above twenty a ten of ``tens`` and a unit in one word («tjueen av planens tjuefem tiltak»)."""
    assert infer.base_profile().count_value(printed) == value


def test_summary_counts_must_name_statuses_of_the_vocabulary():
    data = raw()
    data["overview"]["summary"]["counts"] = {"Pågår": "(\\d+) pågår"}
    with pytest.raises(ProfileError, match="Pågår"):
        parse_profile(data)


def test_missing_profile_lists_the_available_ones():
    with pytest.raises(ProfileError, match="frihet-sluttrapport"):
        load_profile("no-such-profile")


def test_the_enrichment_wording_is_in_the_profile(profile):
    assert profile.department_list.title.match("Tiltaksansvarlige departementer:")
    assert profile.department_list.kinds == ("ministry", "directorate")
    assert profile.department_partners.search("AID, i samarbeid med BFD")
    assert profile.plans.continued_in.search("Tiltaket videreføres i Opptrappingsplan")
    assert profile.references.mention.search("Se også tiltak 1 og 27.").group("numbers") == "1 og 27"


@pytest.mark.parametrize(
    ("path", "key"),
    [
        (("departments", "list"), "kindz"),
        (("plans",), "prefixx"),
        (("references",), "cue"),
        (("departments",), "partnerz"),
    ],
)
def test_an_unknown_key_of_the_enrichment_sections_is_named(path, key):
    data = raw()
    table = data
    for p in path:
        table = table[p]
    table[key] = "x"
    with pytest.raises(ProfileError, match=rf"{'.'.join(path)}\.{key}"):
        parse_profile(data)


def test_enrichment_patterns_need_their_groups():
    data = raw()
    data["departments"]["list"]["entry"] = "^(?P<name>.+)$"
    with pytest.raises(ProfileError, match=r"departments\.list\.entry.*abbreviation"):
        parse_profile(data)
    data = raw()
    data["plans"]["named"] = "(?P<name>.+?) \\((?P<start>\\d{4})\\)"
    with pytest.raises(ProfileError, match=r"plans\.named.*end"):
        parse_profile(data)


def test_the_enrichment_sections_are_optional():
    data = raw()
    for key in ("plans", "references"):
        del data[key]
    del data["departments"]["list"], data["departments"]["partners"], data["status"]["continued_in"]
    p = parse_profile(data)
    assert (p.department_list, p.department_partners, p.plans, p.references) == (None, None, None, None)


def test_plans_without_the_continued_in_phrase_are_refused():
    data = raw()
    del data["status"]["continued_in"]
    with pytest.raises(ProfileError, match=r"status\.continued_in"):
        parse_profile(data)


# --- every value type-checked, at the edge ---------------------------------------------------


def with_value(path: tuple, value) -> dict:
    """The shipped profile with one value replaced (a path of table keys and list indexes)."""
    data = raw()
    table = data
    for step in path[:-1]:
        table = table[step]
    table[path[-1]] = value
    return data


WRONG_VALUES = [
    # string where a number
    (("headings", "tiltak", "min_size_ratio"), "big", "headings.tiltak.min_size_ratio", "must be a number, not a string"),
    # a boolean is no number, though Python's bool is an int
    (("headings", "del", "min_size_ratio"), True, "headings.del.min_size_ratio", "must be a number, not a boolean"),
    # numbers out of range
    (("headings", "tiltak", "min_size_ratio"), 0, "headings.tiltak.min_size_ratio", "must be a finite number greater than 0"),
    (("headings", "tiltak", "min_size_ratio"), -1.5, "headings.tiltak.min_size_ratio", "must be a finite number greater than 0"),
    (("headings", "tiltak", "min_size_ratio"), float("nan"), "headings.tiltak.min_size_ratio", "must be a finite number greater than 0"),
    (("headings", "tiltak", "min_size_ratio"), float("inf"), "headings.tiltak.min_size_ratio", "must be a finite number greater than 0"),
    (("headings", "tiltak", "min_size_ratio"), 10**400, "headings.tiltak.min_size_ratio", "must be a finite number greater than 0"),
    # number where a string
    (("profile", "description"), 3, "profile.description", "must be a string, not an integer"),
    (("profile", "plan"), 2.5, "profile.plan", "must be a string, not a float"),
    (("status", "unknown"), 0, "status.unknown", "must be a string, not an integer"),
    (("profile", "name"), 1, "profile.name", "must be a string, not an integer"),
    (("fields", "status", "label"), 3, "fields.status.label", "must be a pattern (a string), not an integer"),
    (("overview", "number"), 1, "overview.number", "must be a pattern (a string), not an integer"),
    # string (or number) where a boolean
    (("profile", "labels_bold"), "no", "profile.labels_bold", "must be true or false, not a string"),
    (("headings", "tiltak", "bold"), "false", "headings.tiltak.bold", "must be true or false, not a string"),
    (("headings", "tiltak", "bold"), 1, "headings.tiltak.bold", "must be true or false, not an integer"),
    # list where a table
    (("headings",), ["tiltak"], "headings", "must be a table, not a list"),
    (("headings", "tiltak"), ["^x$"], "headings.tiltak", "must be a table, not a list"),
    (("fields", "status"), ["^Status:"], "fields.status", "must be a table, not a list"),
    (("departments", "list"), ["x"], "departments.list", "must be a table, not a list"),
    (("overview", "summary"), [], "overview.summary", "must be a table, not a list"),
    (("overview", "summary", "counts"), ["(\\d+)"], "overview.summary.counts", "must be a table of status = pattern, not a list"),
    (("status", "values", 0), "Ferdigstilt", "status.values[0]", "must be a table with name and pattern, not a string"),
    (("overview", "columns", 1), "^Tiltak$", "overview.columns[1]", "must be a table with key and header, not a string"),
    # something else where a list, and lists of the wrong items
    (("page", "running"), "^\\d+$", "page.running", "must be a list of patterns, not a string"),
    (("profile", "detect"), {"a": "b"}, "profile.detect", "must be a list of patterns, not a table"),
    (("page", "drop_lines", 0), 7, "page.drop_lines[0]", "must be a pattern (a string), not an integer"),
    (("status", "part_precedence"), "Ferdigstilt", "status.part_precedence", "must be a list of strings, not a string"),
    (("status", "part_precedence", 0), 1, "status.part_precedence[0]", "must be a string, not an integer"),
    (("status", "values"), {"name": "Ferdigstilt", "pattern": "x"}, "status.values", "must be a list of tables"),
    (("status", "values", 0, "symbol"), 1, "status.values[0].symbol", "must be a string, not an integer"),
    (("departments", "list", "kinds"), "ministry", "departments.list.kinds", "must be a list of strings, not a string"),
    (("departments", "list", "kinds", 1), 2, "departments.list.kinds[1]", "must be a string, not an integer"),
    (("overview", "columns"), {"key": "title"}, "overview.columns", "must be a list of tables with key and header, not a table"),
    # a date where a string
    (("profile", "description"), __import__("datetime").date(2024, 1, 1), "profile.description", "must be a string, not a date"),
]


@pytest.mark.parametrize(("path", "value", "key", "expected"), WRONG_VALUES, ids=[f"{c[2]}={c[1]!r:.20}" for c in WRONG_VALUES])
def test_a_value_of_the_wrong_kind_is_named_with_what_it_must_be(path, value, key, expected):
    with pytest.raises(ProfileError, match=f"key '{re.escape(key)}' {re.escape(expected)}"):
        parse_profile(with_value(path, value))


@pytest.mark.parametrize(
    ("path", "value", "words"),
    [
        (("overview", "group"), "^Innsatsområde (?P<nr>\\d+)", "key 'overview.group' needs the group (?P<title>"),
        (("overview", "summary", "total"), "(?i)Av totalt \\d+ tiltak", "key 'overview.summary.total' needs a group that captures the total"),
        (("overview", "summary", "counts", "Ferdigstilt"), "ferdigstilt", "key 'overview.summary.counts.Ferdigstilt' needs a group"),
        (("overview", "columns", 0, "width"), 3, "unknown key 'overview.columns[0].width'"),
        (("headings", "tiltak", "pattern"), "(" * 100_000 + ")" * 100_000, "key 'headings.tiltak.pattern' is not a valid pattern: its groups nest"),
    ],
)
def test_what_the_stages_read_of_a_pattern_is_checked_too(path, value, words):
    with pytest.raises(ProfileError, match=re.escape(words)):
        parse_profile(with_value(path, value))


def test_a_key_missing_from_the_top_is_named_without_a_stray_dot():
    data = raw()
    del data["overview"]
    with pytest.raises(ProfileError, match="^missing key 'overview'$"):
        parse_profile(data)


# --- the profile file ------------------------------------------------------------------------


def shipped_text() -> str:
    return (PROFILE_DIR / "frihet-sluttrapport.toml").read_text(encoding="utf-8")


def test_a_profile_file_that_is_not_utf8_is_named(tmp_path):
    path = tmp_path / "latin1.toml"
    path.write_bytes(shipped_text().encode("utf-8").replace("Innsatsområde".encode(), "Innsatsområde".encode("latin-1")))
    with pytest.raises(ProfileError, match=r"^latin1\.toml: not UTF-8 text \(byte \d+ is 0xe5\)$"):
        load_profile(path)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("a = " + "[" * 100_000 + "]" * 100_000, "not valid TOML: nested too deeply"),
        ("# " + "x" * (1 << 20), "larger than 1024 KB"),
    ],
    ids=["deep", "large"],
)
def test_a_profile_file_that_is_no_toml_is_named(tmp_path, text, words):
    path = tmp_path / "broken.toml"
    path.write_text(text, encoding="utf-8")
    gc.collect()  # the deep case meets the recursion limit: no finalizer of earlier tests' garbage should run down there
    with pytest.raises(ProfileError, match=f"^broken\\.toml: {words}"):
        load_profile(path)


def test_a_directory_or_fifo_is_not_a_profile(tmp_path):
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    with pytest.raises(ProfileError, match=rf"^{re.escape(str(folder))}: not a regular file$"):
        load_profile(folder)
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    with pytest.raises(ProfileError, match="pipe.toml: not a regular file"):
        load_profile(fifo)  # and does not hang waiting for a writer


def test_a_missing_profile_path_is_no_such_file(tmp_path):
    with pytest.raises(ProfileError, match=r"nowhere\.toml: no such file$"):
        load_profile(tmp_path / "nowhere.toml")


def test_an_error_in_a_profile_file_names_the_file_and_the_key(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(shipped_text().replace("[profile]\n", "[profile]\nlabels_bold = 'no'\n", 1), encoding="utf-8")
    with pytest.raises(ProfileError, match=r"^mine\.toml: key 'profile\.labels_bold' must be true or false, not a string$"):
        load_profile(path)


# --- the command line ------------------------------------------------------------------------


def bad_profile_file(tmp_path, case: str):
    """A profile file that is wrong in one way: a value (path=value), its bytes, or its kind of file."""
    path = tmp_path / f"{case.split('=')[0].split('.')[-1]}.toml"
    if case == "latin1":
        path.write_bytes(shipped_text().encode("latin-1", "replace"))
    elif case == "folder":
        path.mkdir()
    else:
        keys, value = case.split("=", 1)
        steps = tuple(int(k) if k.isdigit() else k for k in keys.split("."))
        path.write_text(render_toml(with_value(steps, tomllib.loads(f"v = {value}")["v"]), {}), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("case", "words"),
    [
        ("headings.tiltak.min_size_ratio='big'", "bad report profile: min_size_ratio.toml: key 'headings.tiltak.min_size_ratio' must be a number"),
        ("status.unknown=0", "key 'status.unknown' must be a string, not an integer"),
        ("profile.labels_bold='no'", "key 'profile.labels_bold' must be true or false, not a string"),
        ("departments.list=['x']", "key 'departments.list' must be a table, not a list"),
        ("status.part_precedence='Ferdigstilt'", "key 'status.part_precedence' must be a list of strings, not a string"),
        ("overview.title='(?P<x'", "key 'overview.title' is not a valid pattern"),  # handled before too
        ("latin1", "bad report profile: latin1.toml: not UTF-8 text"),
        ("folder", "bad report profile: " + "{tmp_path}" + "/folder.toml: not a regular file"),
    ],
)
def test_run_with_a_bad_profile_says_one_line_and_exits_2(tmp_path, capsys, case, words):
    path = bad_profile_file(tmp_path, case)
    code = main(["run", "raw_pdfs/x.pdf", "--profile", str(path), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.count("\n") == 1 and err.startswith("error: ") and ": bad report profile: " in err, err
    assert words.format(tmp_path=tmp_path) in err and "unexpected" not in err, err


# --- the base profile's vocabulary of inference ----------------------------------------------


@pytest.mark.parametrize(
    ("table", "key", "value", "words"),
    [
        ("labels", "max_words", "4", "key 'inference.labels.max_words' must be a whole number, not a string"),
        ("labels", "min_blocks", -1, "key 'inference.labels.min_blocks' must be at least 0, not -1"),
        ("labels", "kinds", ["status"], "key 'inference.labels.kinds' must be a table, not a list"),
        ("status", "endings", "es", "key 'inference.status.endings' must be a list of strings, not a string"),
        ("status", "min_stem", 2.5, "key 'inference.status.min_stem' must be a whole number, not a float"),
        ("plan", "min_ratio", "1.4", "key 'inference.plan.min_ratio' must be a number, not a string"),
        ("plan", "title", ["(?i)rapport (.+)"], "key 'inference.plan.title[0]' needs the group (?P<plan>"),
        ("overview", "count", ["(\\d+) tiltak"], "key 'inference.overview.count[0]' must hold {status}"),
        ("overview", "count", "(\\d+) {status}", "key 'inference.overview.count' must be a list of patterns, not a string"),
        ("headings", "names", "Tiltak", "key 'inference.headings.names' must be a list of strings, not a string"),
        ("headings", "names_of_several_words", "Focus\\s+area", "key 'inference.headings.names_of_several_words' must be a list of strings, not a string"),
    ],
)
def test_the_vocabulary_of_inference_is_checked(tmp_path, monkeypatch, table, key, value, words):
    base = tomllib.loads(infer.BASE.read_text(encoding="utf-8"))
    base["inference"][table][key] = value
    path = tmp_path / "generic.toml"
    path.write_text(render_toml(base, {}), encoding="utf-8")
    monkeypatch.setattr(infer, "BASE", path)
    with pytest.raises(ProfileError, match=f"^generic\\.toml: {re.escape(words)}"):
        infer.base_data()


def test_a_profile_says_where_its_measures_are_and_blocks_is_the_default():
    assert parse_profile(raw()).body == "blocks" and not parse_profile(raw()).table_body
    data = raw()
    data["body"] = {"kind": "table"}
    data["overview"]["columns"].append({"key": "sluttrapport", "header": "^Kommentar$", "optional": True})
    profile = parse_profile(data)
    assert profile.table_body and [c.key for c in profile.overview_columns][-1] == "sluttrapport"
    data["body"] = {"kind": "rader"}
    with pytest.raises(ProfileError, match=r"body\.kind.*blocks, table"):
        parse_profile(data)


def test_a_column_every_table_has_cannot_be_optional():
    data = raw()
    data["overview"]["columns"][1]["optional"] = True
    with pytest.raises(ProfileError, match=r"overview\.columns\[1\]\.optional"):
        parse_profile(data)


def test_the_page_vocabulary_names_the_heading_over_notes_and_is_checked(tmp_path, monkeypatch):
    from pipeline.profiles import loader

    assert any(p.search("Noter") for p in loader.notes_headings()) and not any(p.search("Noter om tiltaket") for p in loader.notes_headings())
    path = tmp_path / "page.toml"
    for text, words in (("[notes]\nheadings = '^Noter$'\n", "key 'notes.headings' must be a list of patterns"), ("[notes]\nheading = []\n", "unknown key 'notes.heading'")):
        path.write_text(text, encoding="utf-8")
        monkeypatch.setattr(loader, "PAGE_VOCABULARY", path)
        loader.notes_headings.cache_clear()
        try:
            with pytest.raises(ProfileError, match=f"^page\\.toml: {re.escape(words)}"):
                loader.notes_headings()
        finally:
            loader.notes_headings.cache_clear()


def test_the_page_vocabulary_names_the_row_that_adds_up_a_table_of_counts_and_is_checked(tmp_path, monkeypatch):
    """Held-out batch 8 (tiltak-nr-oppsummeringstabell): «Sum | 10» under a table of counts per status is its total."""
    from pipeline.profiles import loader

    assert all(any(p.search(cell) for p in loader.sum_rows()) for cell in ("Sum", "Totalt", "I alt"))
    assert not any(p.search("Summen av tiltakene") for p in loader.sum_rows())
    path = tmp_path / "page.toml"
    path.write_text("[notes]\nheadings = []\n[tables]\nsum = []\n", encoding="utf-8")
    monkeypatch.setattr(loader, "PAGE_VOCABULARY", path)
    loader.sum_rows.cache_clear()
    try:
        with pytest.raises(ProfileError, match=r"^page\.toml: unknown key 'tables\.sum'"):
            loader.sum_rows()
    finally:
        loader.sum_rows.cache_clear()


def test_a_description_label_is_optional_and_checked_as_the_fields_are():
    assert "description" not in parse_profile(raw()).labels
    data = raw()
    data["fields"]["description"] = {"label": r"^(?P<label>Mål)\s*:"}
    assert parse_profile(data).labels["description"].match("Mål: Noe")
    data["fields"]["description"] = {"label": r"^(?P<label>Mål)\s*:", "bold": True}
    with pytest.raises(ProfileError, match=r"unknown key 'fields\.description\.bold'"):
        parse_profile(data)
    data = raw()
    data["fields"]["formål"] = {"label": r"^Formål:"}
    with pytest.raises(ProfileError, match=r"unknown key 'fields\.formål'"):
        parse_profile(data)
