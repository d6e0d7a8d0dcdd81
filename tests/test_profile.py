import tomllib

import pytest

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
