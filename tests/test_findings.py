"""The registry of finding codes: complete, bilingual in step, strict, and the source of the messages."""

from __future__ import annotations

import json

import pytest

from pipeline.findings import FINDING_TYPES, SEVERITIES, finding, findings_markdown, note, placeholders
from pipeline.stages.validate import word_diff

from .conftest import GOLDEN


def golden_finding(code: str, tiltak_nr: int) -> dict:
    found = [f for f in json.loads((GOLDEN / "findings.json").read_text(encoding="utf-8")) if f["code"] == code and f["tiltak_nr"] == tiltak_nr]
    assert len(found) == 1
    return found[0]


def emitted(stages, code: str, tiltak_nr: int):
    (f,) = [f for f in stages.findings if f.code == code and f.tiltak_nr == tiltak_nr]
    return f


def test_every_emitted_code_is_registered(rendering):
    _, stages, files = rendering
    assert stages.findings
    for f in stages.findings:
        assert f.code in FINDING_TYPES, f.code
        assert f.severity in FINDING_TYPES[f.code].severities, (f.code, f.severity)
    for f in json.loads(files["validation.json"])["findings"]:
        assert f["code"] in FINDING_TYPES


def test_registry_is_well_formed():
    assert len(FINDING_TYPES) >= 30
    for code, kind in FINDING_TYPES.items():
        assert kind.code == code
        assert kind.severities and set(kind.severities) <= set(SEVERITIES), code
        assert kind.title_en and kind.title_nb and kind.title_en != kind.title_nb, code
        assert not placeholders(kind.title_en) and not placeholders(kind.title_nb), code
        assert len({v.name for v in kind.variants}) == len(kind.variants), code


@pytest.mark.parametrize("code", sorted(FINDING_TYPES))
def test_placeholders_match_between_languages(code):
    for en, nb in FINDING_TYPES[code].templates():
        assert en != nb
        assert placeholders(en) == placeholders(nb), (code, en, nb)


def test_unknown_code_is_refused():
    with pytest.raises(KeyError, match="no_such_code"):
        finding("no_such_code")
    with pytest.raises(KeyError, match="no_such_note"):
        note("no_such_note", "status")


def test_misuse_is_refused():
    with pytest.raises(ValueError, match="error"):
        finding("status_mismatch", "info", tiltak_nr=1, body_value="a", table_value="b", text="c")
    with pytest.raises(ValueError, match="variant"):
        finding("missing_field", variant="no_such_field", tiltak_nr=1)
    with pytest.raises(ValueError, match="colour"):
        finding("summary_missing", colour="red")
    with pytest.raises(KeyError, match="text"):
        finding("status_mismatch", tiltak_nr=1, body_value="a", table_value="b")


def test_notes_are_code_and_detail():
    assert note("label_for_unknown_part", "status", "c") == "label_for_unknown_part:status:c"
    assert note("repeated_label", "status") == "repeated_label:status"


def test_template_reproduces_pinned_title_message(rendering):
    _, stages, _ = rendering
    g = golden_finding("title_mismatch", 11)
    made = finding(
        "title_mismatch",
        tiltak_nr=g["tiltak_nr"],
        field=g["field"],
        body_value=g["body_value"],
        table_value=g["table_value"],
        page=emitted(stages, "title_mismatch", 11).page,
        diff=word_diff(g["table_value"], g["body_value"]),
    )
    assert made.severity == g["severity"]
    assert made.message == "Tiltak 11: the heading's title differs from the table's: -«barnevernstjenestens» +«barneverntjenestens»."
    assert made == emitted(stages, "title_mismatch", 11)


@pytest.mark.parametrize(
    ("nr", "message"),
    [
        (19, "Tiltak 19: the body also names HOD, which the table leaves out although it lists BFD, AID."),
        (2, "Tiltak 2: the body also names BFD, which the table leaves out."),
    ],
)
def test_template_reproduces_pinned_department_message(rendering, profile, nr, message):
    _, stages, _ = rendering
    g = golden_finding("department_partners_not_in_table", nr)
    body, table = profile.departments_in(g["body_value"]), profile.departments_in(g["table_value"])
    several = len(table) > 1
    made = finding(
        "department_partners_not_in_table",
        g["severity"],
        variant="table_lists_several" if several else None,
        tiltak_nr=nr,
        field=g["field"],
        body_value=g["body_value"],
        table_value=g["table_value"],
        page=emitted(stages, "department_partners_not_in_table", nr).page,
        extra=", ".join(d for d in body if d not in table),
        listed=", ".join(table),
    )
    assert made.message == message
    assert made == emitted(stages, "department_partners_not_in_table", nr)


def test_findings_markdown_lists_every_code_once():
    lines = findings_markdown().splitlines()
    assert lines[0] == "| Code | Severity | Meaning | Betydning |"
    rows = lines[2:]
    assert [r.split("|")[1].strip().strip("`") for r in rows] == list(FINDING_TYPES)
    assert all(r.count("|") == 5 for r in rows)
    assert "| `department_partners_not_in_table` | info or warning |" in findings_markdown()
