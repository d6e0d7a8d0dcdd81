import tomllib

import pytest

from pipeline.errors import ProfileError
from pipeline.profile import PROFILE_DIR, load_profile, parse_profile


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


def test_summary_counts_must_name_statuses_of_the_vocabulary():
    data = raw()
    data["overview"]["summary"]["counts"] = {"Pågår": "(\\d+) pågår"}
    with pytest.raises(ProfileError, match="Pågår"):
        parse_profile(data)


def test_missing_profile_lists_the_available_ones():
    with pytest.raises(ProfileError, match="frihet-sluttrapport"):
        load_profile("no-such-profile")
