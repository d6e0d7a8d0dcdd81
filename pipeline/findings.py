"""Findings: what validation says about a report, as data a person can read too.

A finding is one inconsistency of the report itself (the body against its overview
table, the table against its summary sentence), not a failure of the pipeline.

Every code the pipeline can emit is declared once, in ``FINDING_TYPES``, with its
severity, a title and a message template in English and Norwegian; ``finding``
builds a ``Finding`` from it, and the table of codes in docs/findings.md is generated from it
(``findings_markdown``), so code, docs and output cannot drift apart.

A ``Finding`` carries its message in both languages (``message``, English, and
``message_nb``), filled from the same values; the writers choose which one a person
reads (``validation.md``), and ``validation.json`` holds both. ``FindingCode`` names
every code, so that a misspelt code in a comparison fails the type check.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from string import Formatter
from types import MappingProxyType

SEVERITIES = ("error", "warning", "info")
LANGUAGES = ("en", "nb")  # the languages every finding's message is written in: English, Norwegian bokmål


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    message: str  # in English (the contract of validation.json's "message")
    tiltak_nr: int | None = None
    part: str | None = None
    field: str | None = None
    body_value: str | None = None
    table_value: str | None = None
    page: int | None = None
    message_nb: str | None = None  # the same in Norwegian; None for a finding not made by finding()

    def message_in(self, lang: str) -> str:
        """The message in ``lang`` (one of ``LANGUAGES``); English where no Norwegian one is known."""
        if lang not in LANGUAGES:
            raise ValueError(f"no finding messages in {lang!r}: the languages are {', '.join(LANGUAGES)}")
        return self.message_nb if lang == "nb" and self.message_nb is not None else self.message


@dataclass(frozen=True)
class FindingType:
    """One kind of finding. Templates name their values ``{like_this}``: the finding's
    own fields (``tiltak_nr``, ``part``, ``body_value``, ``table_value``, …) or values
    the check passes; both languages name the same ones."""

    code: str
    severities: tuple[str, ...]  # the usual one first; a check may choose another of these
    title_en: str
    title_nb: str
    message_en: str
    message_nb: str
    variants: tuple[Variant, ...] = ()

    @property
    def severity(self) -> str:
        return self.severities[0]

    def variant(self, name: str) -> Variant:
        for v in self.variants:
            if v.name == name:
                return v
        raise ValueError(f"finding {self.code!r} has no variant {name!r}")

    def templates(self) -> list[tuple[str, str]]:
        """Every wording as (English, Norwegian), the default first."""
        return [(self.message_en, self.message_nb), *((v.message_en, v.message_nb) for v in self.variants)]


@dataclass(frozen=True)
class Variant:
    """Another wording of the same finding, which the check chooses by name."""

    name: str
    message_en: str
    message_nb: str


def _type(
    code: str, severity: str | tuple[str, ...], title: tuple[str, str], message: tuple[str, str], *variants: Variant
) -> tuple[str, FindingType]:
    severities = (severity,) if isinstance(severity, str) else severity
    return code, FindingType(code, severities, *title, *message, variants=variants)


FINDING_TYPES: dict[str, FindingType] = dict(
    [
        # validate: the overview table itself
        _type(
            "overview_missing",
            "error",
            ("The overview table was not found", "Oversiktstabellen ble ikke funnet"),
            (
                "The overview table's title was not found: nothing to check the body against.",
                "Oversiktstabellens tittel ble ikke funnet: brødteksten kan ikke sjekkes mot noe.",
            ),
        ),
        _type(
            "overview_empty",
            "error",
            ("The overview table has no rows", "Oversiktstabellen har ingen rader"),
            ("The overview table's header or rows were not found.", "Oversiktstabellens overskriftsrad eller rader ble ikke funnet."),
        ),
        # validate: numbering, of the table and of the body
        _type(
            "duplicate_in_table",
            "error",
            ("A tiltak number occurs more than once in the overview table", "Et tiltaksnummer forekommer mer enn én gang i oversiktstabellen"),
            ("Tiltak {tiltak_nr} occurs {n} times in the overview table.", "Tiltak {tiltak_nr} forekommer {n} ganger i oversiktstabellen."),
        ),
        _type(
            "out_of_order_in_table",
            "warning",
            ("The tiltak numbers of the overview table go backwards", "Tiltaksnumrene i oversiktstabellen går baklengs"),
            (
                "Tiltak {tiltak_nr} follows tiltak {previous} in the overview table.",
                "Tiltak {tiltak_nr} kommer etter tiltak {previous} i oversiktstabellen.",
            ),
        ),
        _type(
            "gap_in_table",
            "warning",
            ("A tiltak number is missing from the overview table", "Et tiltaksnummer mangler i oversiktstabellen"),
            (
                "The overview table has no tiltak {tiltak_nr} although it goes up to {highest}.",
                "Oversiktstabellen har ikke tiltak {tiltak_nr}, selv om den går opp til {highest}.",
            ),
        ),
        _type(
            "duplicate_in_body",
            "error",
            ("A tiltak number occurs more than once in the body text", "Et tiltaksnummer forekommer mer enn én gang i brødteksten"),
            ("Tiltak {tiltak_nr} occurs {n} times in the body text.", "Tiltak {tiltak_nr} forekommer {n} ganger i brødteksten."),
        ),
        _type(
            "numbered_per_area",
            "error",
            (
                "The measures' numbers restart in each focus area and do not tell them apart",
                "Tiltaksnumrene begynner på nytt i hvert innsatsområde og skiller ikke tiltakene fra hverandre",
            ),
            (
                "The body text numbers its measures again from {restart} in focus areas {areas}: read by their last level, "
                "tiltak {repeated} are printed more than once, so their rows cannot be told apart. The report seems to number its "
                "measures per focus area («1.1», «2.1»): the profile's number pattern should capture the whole number.",
                "Brødteksten nummererer tiltakene på nytt fra {restart} i innsatsområdene {areas}: lest etter siste ledd står tiltak "
                "{repeated} mer enn én gang, så radene deres kan ikke skilles fra hverandre. Rapporten ser ut til å nummerere "
                "tiltakene per innsatsområde («1.1», «2.1»): profilens nummermønster bør fange hele nummeret.",
            ),
            Variant(
                "table",
                "The overview table numbers its measures again from {restart} in focus areas {areas}: read by their last level, "
                "tiltak {repeated} are printed more than once, so their rows cannot be told apart. The report seems to number its "
                "measures per focus area («1.1», «2.1»): the profile's number pattern should capture the whole number.",
                "Oversiktstabellen nummererer tiltakene på nytt fra {restart} i innsatsområdene {areas}: lest etter siste ledd står "
                "tiltak {repeated} mer enn én gang, så radene deres kan ikke skilles fra hverandre. Rapporten ser ut til å nummerere "
                "tiltakene per innsatsområde («1.1», «2.1»): profilens nummermønster bør fange hele nummeret.",
            ),
        ),
        _type(
            "out_of_order_in_body",
            "warning",
            ("The tiltak numbers of the body text go backwards", "Tiltaksnumrene i brødteksten går baklengs"),
            ("Tiltak {tiltak_nr} follows tiltak {previous} in the body text.", "Tiltak {tiltak_nr} kommer etter tiltak {previous} i brødteksten."),
        ),
        _type(
            "gap_in_body",
            "warning",
            ("A tiltak number is missing from the body text", "Et tiltaksnummer mangler i brødteksten"),
            (
                "The body text has no tiltak {tiltak_nr} although it goes up to {highest}.",
                "Brødteksten har ikke tiltak {tiltak_nr}, selv om den går opp til {highest}.",
            ),
        ),
        # validate: the summary sentence above the table
        _type(
            "summary_missing",
            "warning",
            ("The summary sentence was not found", "Oppsummeringssetningen ble ikke funnet"),
            (
                "The sentence with the number of tiltak above the overview table was not found.",
                "Setningen med antall tiltak over oversiktstabellen ble ikke funnet.",
            ),
        ),
        _type(
            "summary_total_vs_table",
            "error",
            ("The summary's total differs from the table's rows", "Oppsummeringens totalsum avviker fra tabellens rader"),
            (
                "The summary says {said} tiltak; the table has {table_value} rows.",
                "Oppsummeringen sier {said} tiltak; tabellen har {table_value} rader.",
            ),
        ),
        _type(
            "summary_total_vs_body",
            "error",
            ("The summary's total differs from the body's blocks", "Oppsummeringens totalsum avviker fra brødtekstens tiltak"),
            (
                "The summary says {table_value} tiltak; the body has {body_value} blocks.",
                "Oppsummeringen sier {table_value} tiltak; brødteksten har {body_value} tiltaksblokker.",
            ),
        ),
        _type(
            "summary_count_vs_table",
            "error",
            ("The summary's count of a status differs from the table's", "Oppsummeringens antall for en status avviker fra tabellens"),
            (
                "The summary says {said} tiltak «{status}»; the table has {count}.",
                "Oppsummeringen sier {said} tiltak «{status}»; tabellen har {count}.",
            ),
        ),
        _type(
            "summary_count_vs_body",
            "warning",
            ("The summary's count of a status differs from the body's", "Oppsummeringens antall for en status avviker fra brødtekstens"),
            (
                "The summary says {said} tiltak «{status}»; the body's status lines give {count} (tiltak {which}).",
                "Oppsummeringen sier {said} tiltak «{status}»; brødtekstens statuslinjer gir {count} (tiltak {which}).",
            ),
        ),
        # validate: a tiltak in one source only
        _type(
            "missing_in_body",
            "error",
            ("A tiltak of the table has no block in the body", "Et tiltak i tabellen har ingen blokk i brødteksten"),
            (
                "Tiltak {tiltak_nr} is in the overview table but has no block in the body.",
                "Tiltak {tiltak_nr} står i oversiktstabellen, men har ingen blokk i brødteksten.",
            ),
        ),
        _type(
            "missing_in_table",
            "error",
            ("A tiltak of the body has no row in the table", "Et tiltak i brødteksten har ingen rad i tabellen"),
            (
                "Tiltak {tiltak_nr} has a block in the body but no row in the overview table.",
                "Tiltak {tiltak_nr} har en blokk i brødteksten, men ingen rad i oversiktstabellen.",
            ),
        ),
        # validate: the fields of one block (the notes are made by the fields stage)
        _type(
            "missing_field",
            "warning",
            ("A block lacks a field", "En blokk mangler et felt"),
            (
                "Tiltak {tiltak_nr}: the block has no description before its first label.",
                "Tiltak {tiltak_nr}: blokken har ingen beskrivelse før sin første merkelapp.",
            ),
            Variant(
                "ansvarlig_departement",
                "Tiltak {tiltak_nr}: no department line was found in the block.",
                "Tiltak {tiltak_nr}: ingen departementslinje ble funnet i blokken.",
            ),
            Variant(
                "status",
                "Tiltak {tiltak_nr}: no status line was found in the block.",
                "Tiltak {tiltak_nr}: ingen statuslinje ble funnet i blokken.",
            ),
            Variant(
                "sluttrapport",
                "Tiltak {tiltak_nr}: no sluttrapport line was found in the block.",
                "Tiltak {tiltak_nr}: ingen sluttrapportlinje ble funnet i blokken.",
            ),
            Variant(
                "part_status",
                "Tiltak {tiltak_nr} {part}: the part has no status.",
                "Tiltak {tiltak_nr} {part}: delen har ingen status.",
            ),
        ),
        _type(
            "label_for_unknown_part",
            "warning",
            ("A label names a part the block does not have", "En merkelapp nevner en del blokken ikke har"),
            ("Tiltak {tiltak_nr}: label for unknown part ({detail}).", "Tiltak {tiltak_nr}: merkelapp for ukjent del ({detail})."),
        ),
        _type(
            "repeated_label",
            "warning",
            ("A label stands more than once in a block", "En merkelapp står mer enn én gang i en blokk"),
            ("Tiltak {tiltak_nr}: repeated label ({detail}).", "Tiltak {tiltak_nr}: gjentatt merkelapp ({detail})."),
        ),
        # validate: one block against its row of the table
        _type(
            "title_mismatch",
            "warning",
            ("The heading's title differs from the table's", "Overskriftens tittel avviker fra tabellens"),
            (
                "Tiltak {tiltak_nr}: the heading's title differs from the table's: {diff}.",
                "Tiltak {tiltak_nr}: overskriftens tittel avviker fra tabellens: {diff}.",
            ),
        ),
        _type(
            "innsatsomrade_mismatch",
            "error",
            ("A tiltak stands under another innsatsområde in the table", "Et tiltak står under et annet innsatsområde i tabellen"),
            (
                "Tiltak {tiltak_nr} stands under innsatsområde {body_value} in the body and {table_value} in the table.",
                "Tiltak {tiltak_nr} står under innsatsområde {body_value} i brødteksten og {table_value} i tabellen.",
            ),
        ),
        _type(
            "unknown_status_in_table",
            "warning",
            ("The table's status is not in the profile's vocabulary", "Tabellens status er ikke i profilens vokabular"),
            (
                "Tiltak {tiltak_nr}: the table's status «{table_value}» is not in the profile's vocabulary.",
                "Tiltak {tiltak_nr}: tabellens status «{table_value}» er ikke i profilens vokabular.",
            ),
        ),
        _type(
            "unknown_status",
            "warning",
            ("The body's status line matches no known status", "Brødtekstens statuslinje passer ikke med noen kjent status"),
            (
                "Tiltak {tiltak_nr}: the status «{body_value}» matches none of {vocabulary}.",
                "Tiltak {tiltak_nr}: statusen «{body_value}» passer ikke med noen av {vocabulary}.",
            ),
        ),
        _type(
            "status_mismatch",
            "error",
            ("The body's status differs from the table's", "Brødtekstens status avviker fra tabellens"),
            (
                "Tiltak {tiltak_nr}: the body says «{text}» ({body_value}); the table says {table_value}.",
                "Tiltak {tiltak_nr}: brødteksten sier «{text}» ({body_value}); tabellen sier {table_value}.",
            ),
            Variant(
                "progress",
                "Tiltak {tiltak_nr}: the body says «{text}» ({body_value}); the table gives its progress as {table_value}, which that status does not stand for.",
                "Tiltak {tiltak_nr}: brødteksten sier «{text}» ({body_value}); tabellen oppgir fremdriften til {table_value}, som den statusen ikke står for.",
            ),
        ),
        _type(
            "part_status_differs",
            "info",
            ("The parts of a tiltak have different statuses", "Delene av et tiltak har ulik status"),
            (
                "Tiltak {tiltak_nr}: its parts have different statuses ({body_value}); the measure counts as {status}, the table says {table_value}.",
                "Tiltak {tiltak_nr}: delene har ulik status ({body_value}); tiltaket regnes som {status}, tabellen sier {table_value}.",
            ),
        ),
        _type(
            "department_lead_mismatch",
            "error",
            ("The body's lead department differs from the table's", "Brødtekstens ansvarlige departement avviker fra tabellens"),
            (
                "Tiltak {tiltak_nr}: the body names {body_lead} as responsible, the table {table_lead}.",
                "Tiltak {tiltak_nr}: brødteksten oppgir {body_lead} som ansvarlig, tabellen {table_lead}.",
            ),
        ),
        _type(
            "department_missing_in_body",
            "warning",
            ("The table names a department the body does not", "Tabellen nevner et departement som brødteksten ikke nevner"),
            (
                "Tiltak {tiltak_nr}: the table names {missing}, which the body's department line does not.",
                "Tiltak {tiltak_nr}: tabellen nevner {missing}, som brødtekstens departementslinje ikke nevner.",
            ),
        ),
        _type(
            "department_partners_not_in_table",
            ("info", "warning"),
            (
                "The body names partner departments the table leaves out (a warning when the table lists several)",
                "Brødteksten nevner samarbeidsdepartementer som tabellen utelater (en advarsel når tabellen oppgir flere)",
            ),
            (
                "Tiltak {tiltak_nr}: the body also names {extra}, which the table leaves out.",
                "Tiltak {tiltak_nr}: brødteksten nevner også {extra}, som tabellen utelater.",
            ),
            Variant(
                "table_lists_several",
                "Tiltak {tiltak_nr}: the body also names {extra}, which the table leaves out although it lists {listed}.",
                "Tiltak {tiltak_nr}: brødteksten nevner også {extra}, som tabellen utelater selv om den oppgir {listed}.",
            ),
        ),
        # validate: innsatsområder and part headings
        _type(
            "innsatsomrade_missing_in_table",
            "warning",
            ("An innsatsområde of the body has no group in the table", "Et innsatsområde i brødteksten har ingen gruppe i tabellen"),
            (
                "Innsatsområde {nr} has a heading in the body but no group in the table.",
                "Innsatsområde {nr} har en overskrift i brødteksten, men ingen gruppe i tabellen.",
            ),
        ),
        _type(
            "innsatsomrade_title_mismatch",
            "warning",
            ("An innsatsområde's heading differs from the table's group row", "Et innsatsområdes overskrift avviker fra tabellens grupperad"),
            (
                "Innsatsområde {nr}: the heading differs from the table's group row: {diff}.",
                "Innsatsområde {nr}: overskriften avviker fra tabellens grupperad: {diff}.",
            ),
        ),
        _type(
            "innsatsomrade_missing_in_body",
            "warning",
            ("An innsatsområde of the table has no heading in the body", "Et innsatsområde i tabellen har ingen overskrift i brødteksten"),
            (
                "Innsatsområde {nr} is a group in the table but has no heading in the body.",
                "Innsatsområde {nr} er en gruppe i tabellen, men har ingen overskrift i brødteksten.",
            ),
        ),
        _type(
            "orphan_part_heading",
            "warning",
            ("A part heading stands outside its tiltak", "En deloverskrift står utenfor sitt tiltak"),
            (
                "«Tiltak {tiltak_nr} {part})» stands outside any block of tiltak {tiltak_nr}; it was read as a measure of its own.",
                "«Tiltak {tiltak_nr} {part})» står utenfor enhver blokk for tiltak {tiltak_nr}; den ble lest som et eget tiltak.",
            ),
        ),
        _type(
            "part_number_mismatch",
            "warning",
            ("A part heading carries another tiltak's number", "En deloverskrift har et annet tiltaks nummer"),
            (
                "Tiltak {tiltak_nr} has a part headed «Tiltak {nr} {part})».",
                "Tiltak {tiltak_nr} har en del med overskriften «Tiltak {nr} {part})».",
            ),
        ),
        # validate: a stage that visibly half-failed, said once (its consequences are not reported one by one)
        _type(
            "overview_incomplete",
            "error",
            ("The overview table was read incompletely", "Oversiktstabellen ble lest ufullstendig"),
            (
                "The overview table gave {rows} rows of the {expected} tiltak it should list; tiltak {missing} have blocks in the body"
                " but no row. The {suppressed} findings that would follow from the missing rows are not reported.",
                "Oversiktstabellen ga {rows} rader av de {expected} tiltakene den skulle vise; tiltak {missing} har blokker i"
                " brødteksten, men ingen rad. De {suppressed} funnene som ville fulgt av radene som mangler, rapporteres ikke.",
            ),
        ),
        _type(
            "headings_incomplete",
            "error",
            ("Tiltak headings were found for only some tiltak", "Tiltaksoverskrifter ble funnet for bare noen tiltak"),
            (
                "Headings were found for {blocks} of the {expected} tiltak the overview table lists; tiltak {missing} have no block."
                " The {suppressed} findings that would follow from the missing blocks are not reported.",
                "Overskrifter ble funnet for {blocks} av de {expected} tiltakene oversiktstabellen viser; tiltak {missing} har ingen"
                " blokk. De {suppressed} funnene som ville fulgt av blokkene som mangler, rapporteres ikke.",
            ),
        ),
        _type(
            "labels_incomplete",
            "error",
            ("A field's label was found in only some blocks", "Et felts merkelapp ble funnet i bare noen blokker"),
            (
                "No {name} line was found in {missing} of the {blocks} blocks (tiltak {which}): the label is printed in a way"
                " the profile does not recognise. The {suppressed} findings that would follow are not reported.",
                "Ingen linje for {name} ble funnet i {missing} av de {blocks} blokkene (tiltak {which}): merkelappen er trykt på en"
                " måte profilen ikke kjenner igjen. De {suppressed} funnene som ville fulgt, rapporteres ikke.",
            ),
        ),
        # enrich: the report's own list of departments
        _type(
            "unknown_department",
            "warning",
            ("A department is not in the report's own list", "Et departement står ikke i rapportens egen liste"),
            (
                "Tiltak {tiltak_nr}: {abbreviation} is not in the report's list of responsible departments ({listed}); it is kept as printed.",
                "Tiltak {tiltak_nr}: {abbreviation} står ikke i rapportens liste over ansvarlige departementer ({listed}); det beholdes som trykt.",
            ),
        ),
        _type(
            "department_list_incomplete",
            "error",
            ("The report's own list of departments was read incompletely", "Rapportens egen liste over departementer ble lest ufullstendig"),
            (
                "Page {page}: the list of responsible departments has {bullets} bulleted items, of which {entries} were read as"
                " entries (not read: {unread}); the {suppressed} unknown_department warnings that would follow are not reported.",
                "Side {page}: listen over ansvarlige departementer har {bullets} punkter, hvorav {entries} ble lest som"
                " oppføringer (ikke lest: {unread}); de {suppressed} advarslene unknown_department som ville fulgt, rapporteres ikke.",
            ),
            Variant(
                "empty",
                "Page {page}: the list of responsible departments has a title but no bulleted item under it was found.",
                "Side {page}: listen over ansvarlige departementer har en tittel, men ingen punkter under den ble funnet.",
            ),
        ),
        # enrich: the links of the PDF (pipeline/stages/enrich/provenance.py)
        _type(
            "unsafe_link_scheme",
            "warning",
            ("A link goes to an address that is neither web nor mail", "En lenke går til en adresse som verken er nett eller e-post"),
            (
                "Page {page}: the link on «{anchor_text}» goes to a {scheme}: address, not http, https or mailto; it is kept"
                " in lenker with unsafe_scheme true, and is not to be followed: {url}",
                "Side {page}: lenken på «{anchor_text}» går til en {scheme}:-adresse, ikke http, https eller mailto; den står"
                " i lenker med unsafe_scheme true, og skal ikke følges: {url}",
            ),
        ),
        # extract: what reading the PDF had to work around (pipeline/stages/guards.py)
        _type(
            "links_unreadable",
            "warning",
            ("A page's link annotations cannot be read", "Lenkene på en side kan ikke leses"),
            (
                "Page {page}: link annotations cannot be read ({reason}); the page's text is kept without them.",
                "Side {page}: lenker kan ikke leses ({reason}); teksten på siden beholdes uten dem.",
            ),
        ),
        _type(
            "damaged_stream",
            "warning",
            ("A compressed stream of the PDF is damaged", "En komprimert strøm i PDF-en er skadet"),
            ("Page {page}: a compressed stream {damage}.", "Side {page}: en komprimert strøm er skadet ({damage})."),
            Variant(
                "before_pages",
                "A compressed stream read before the pages {damage}.",
                "En komprimert strøm lest før sidene er skadet ({damage}).",
            ),
        ),
        _type(
            "reading_order_uncertain",
            "warning",
            ("The reading order of some pages is doubtful", "Leserekkefølgen på noen sider er usikker"),
            (
                "Pages {pages}: the order their text is read in is doubtful (a line across the gap between two columns, or an"
                " element whose column neither the white space nor the drawing order tells); it is read as the columns' white"
                " space suggests. Check the data from these pages against the PDF.",
                "Sidene {pages}: rekkefølgen teksten leses i, er usikker (en linje på tvers av mellomrommet mellom to kolonner,"
                " eller et element der verken det hvite mellomrommet eller tegnerekkefølgen viser hvilken kolonne det hører til);"
                " den leses slik kolonnenes hvite mellomrom tilsier. Kontroller dataene fra disse sidene mot PDF-en.",
            ),
            Variant(
                "page",
                "Page {pages}: the order its text is read in is doubtful (a line across the gap between two columns, or an"
                " element whose column neither the white space nor the drawing order tells); it is read as the columns' white"
                " space suggests. Check the data from this page against the PDF.",
                "Side {pages}: rekkefølgen teksten leses i, er usikker (en linje på tvers av mellomrommet mellom to kolonner,"
                " eller et element der verken det hvite mellomrommet eller tegnerekkefølgen viser hvilken kolonne det hører til);"
                " den leses slik kolonnenes hvite mellomrom tilsier. Kontroller dataene fra denne siden mot PDF-en.",
            ),
        ),
        # validate: a report of some of the plan's measures (issue 11, point 6)
        _type(
            "selection",
            "info",
            ("The report covers a selection of the plan's measures", "Rapporten omfatter et utvalg av planens tiltak"),
            (
                "The report covers {n} of the plan's measures numbered up to {highest}; not reported, "
                "in the table and the body alike: {missing}.",
                "Rapporten omfatter {n} av planens tiltak nummerert opp til {highest}; ikke rapportert, "
                "verken i tabellen eller i brødteksten: {missing}.",
            ),
        ),
        _type(
            "added_by_area",
            "info",
            (
                "Measures added after the plan stand in their focus areas",
                "Tiltak lagt til etter planen står i sine innsatsområder",
            ),
            (
                "Tiltak {added}, numbered after the plan's measures, stand last in their focus areas: the numbers go "
                "back where the next focus area starts, as the report orders its measures, not out of order.",
                "Tiltak {added}, nummerert etter planens tiltak, står sist i sine innsatsområder: numrene går tilbake "
                "der neste innsatsområde begynner, slik rapporten ordner tiltakene, ikke i feil rekkefølge.",
            ),
        ),
        _type(
            "status_only_in_table",
            "info",
            ("The statuses are printed in the overview table alone", "Statusene står bare i oversiktstabellen"),
            (
                "No status line was found in any block: each of the {n} measures has the status of its row in the overview table.",
                "Ingen statuslinje ble funnet i noen tiltaksblokk: hvert av de {n} tiltakene har statusen i sin rad i oversiktstabellen.",
            ),
        ),
        # detection: which profile reads the report, and how well (pipeline/choice/detect.py)
        _type(
            "profile_inferred",
            ("info", "warning"),
            ("No report profile fits: one was inferred from the report", "Ingen rapportprofil passer: en ble utledet fra rapporten"),
            (
                "No report profile fits this report (best: {best}); a profile was inferred from it, {fit}: {inferred}. "
                "Unsure: {doubts}. It is in profile.toml: review it and commit it under pipeline/profiles/.",
                "Ingen rapportprofil passer denne rapporten (best: {best}); en profil ble utledet fra den, {fit}: {inferred}. "
                "Usikkert: {doubts}. Den ligger i profile.toml: gå gjennom den og legg den under pipeline/profiles/.",
            ),
            Variant(
                "poor",
                "No report profile fits this report (best: {best}), and the profile inferred from it fits poorly too ({why}): "
                "{inferred}. Unsure: {doubts}. Check the data against the PDF; profile.toml is a draft to correct.",
                "Ingen rapportprofil passer denne rapporten (best: {best}), og profilen utledet fra den passer også dårlig ({why}): "
                "{inferred}. Usikkert: {doubts}. Kontroller dataene mot PDF-en; profile.toml er et utkast som må rettes.",
            ),
        ),
        _type(
            "profile_fit_poor",
            "warning",
            ("The report profile fits the report poorly", "Rapportprofilen passer dårlig til rapporten"),
            (
                "The profile {profile} reads this report poorly ({fit}): {why}. Check the data against the PDF, or draft a profile "
                "with python -m pipeline profile draft.",
                "Profilen {profile} leser denne rapporten dårlig ({fit}): {why}. Kontroller dataene mot PDF-en, eller lag et "
                "profilutkast med python -m pipeline profile draft.",
            ),
        ),
        # editions: a Word document read (pipeline/stages/editions/docx.py)
        _type(
            "tracked_changes_accepted",
            "info",
            ("Tracked changes read as accepted", "Sporede endringer lest som godtatt"),
            (
                "The Word document holds tracked changes ({changes}); it is read as if every change were accepted: insertions"
                " kept, deletions dropped, moved text where it was moved to. Check the data if the changes were still under review.",
                "Word-dokumentet har sporede endringer ({changes}); det leses som om alle endringene var godtatt: innsatt tekst"
                " beholdes, slettet tekst utelates, flyttet tekst står der den ble flyttet til. Kontroller dataene hvis endringene"
                " ennå ikke var gjennomgått.",
            ),
        ),
    ]
)


class FindingCode(StrEnum):
    """Every code of ``FINDING_TYPES``, by name (a test keeps the two the same).

    A member is the code itself (a ``str``), so it goes wherever a code does:
    ``finding(FindingCode.STATUS_MISMATCH, ...)``, ``f.code == FindingCode.GAP_IN_BODY``.
    """

    OVERVIEW_MISSING = "overview_missing"
    OVERVIEW_EMPTY = "overview_empty"
    DUPLICATE_IN_TABLE = "duplicate_in_table"
    OUT_OF_ORDER_IN_TABLE = "out_of_order_in_table"
    GAP_IN_TABLE = "gap_in_table"
    DUPLICATE_IN_BODY = "duplicate_in_body"
    NUMBERED_PER_AREA = "numbered_per_area"
    OUT_OF_ORDER_IN_BODY = "out_of_order_in_body"
    GAP_IN_BODY = "gap_in_body"
    SUMMARY_MISSING = "summary_missing"
    SUMMARY_TOTAL_VS_TABLE = "summary_total_vs_table"
    SUMMARY_TOTAL_VS_BODY = "summary_total_vs_body"
    SUMMARY_COUNT_VS_TABLE = "summary_count_vs_table"
    SUMMARY_COUNT_VS_BODY = "summary_count_vs_body"
    MISSING_IN_BODY = "missing_in_body"
    MISSING_IN_TABLE = "missing_in_table"
    MISSING_FIELD = "missing_field"
    LABEL_FOR_UNKNOWN_PART = "label_for_unknown_part"
    REPEATED_LABEL = "repeated_label"
    TITLE_MISMATCH = "title_mismatch"
    INNSATSOMRADE_MISMATCH = "innsatsomrade_mismatch"
    UNKNOWN_STATUS_IN_TABLE = "unknown_status_in_table"
    UNKNOWN_STATUS = "unknown_status"
    STATUS_MISMATCH = "status_mismatch"
    PART_STATUS_DIFFERS = "part_status_differs"
    DEPARTMENT_LEAD_MISMATCH = "department_lead_mismatch"
    DEPARTMENT_MISSING_IN_BODY = "department_missing_in_body"
    DEPARTMENT_PARTNERS_NOT_IN_TABLE = "department_partners_not_in_table"
    INNSATSOMRADE_MISSING_IN_TABLE = "innsatsomrade_missing_in_table"
    INNSATSOMRADE_TITLE_MISMATCH = "innsatsomrade_title_mismatch"
    INNSATSOMRADE_MISSING_IN_BODY = "innsatsomrade_missing_in_body"
    ORPHAN_PART_HEADING = "orphan_part_heading"
    PART_NUMBER_MISMATCH = "part_number_mismatch"
    OVERVIEW_INCOMPLETE = "overview_incomplete"
    HEADINGS_INCOMPLETE = "headings_incomplete"
    LABELS_INCOMPLETE = "labels_incomplete"
    UNKNOWN_DEPARTMENT = "unknown_department"
    DEPARTMENT_LIST_INCOMPLETE = "department_list_incomplete"
    UNSAFE_LINK_SCHEME = "unsafe_link_scheme"
    LINKS_UNREADABLE = "links_unreadable"
    DAMAGED_STREAM = "damaged_stream"
    READING_ORDER_UNCERTAIN = "reading_order_uncertain"
    SELECTION = "selection"
    ADDED_BY_AREA = "added_by_area"
    STATUS_ONLY_IN_TABLE = "status_only_in_table"
    PROFILE_INFERRED = "profile_inferred"
    PROFILE_FIT_POOR = "profile_fit_poor"
    TRACKED_CHANGES_ACCEPTED = "tracked_changes_accepted"


def finding_type(code: FindingCode | str) -> FindingType:
    """The registered type of a code; an unregistered code is a bug, refused here."""
    try:
        return FINDING_TYPES[code]
    except KeyError:
        raise KeyError(f"unknown finding code {code!r}: declare it in pipeline.findings.FINDING_TYPES") from None


@cache
def placeholders(template: str) -> frozenset[str]:
    return frozenset(name for _, name, _, _ in Formatter().parse(template) if name is not None)


def finding(
    code: FindingCode | str,
    severity: str | None = None,
    *,
    variant: str | None = None,
    tiltak_nr: int | None = None,
    part: str | None = None,
    field: str | None = None,
    body_value: str | None = None,
    table_value: str | None = None,
    page: int | None = None,
    **values: object,
) -> Finding:
    """A finding of a registered code, its messages in English and Norwegian filled from the templates.

    The severity is the type's usual one unless given, and must be one the type
    allows. Values that no wording of the type names are refused, and so (KeyError)
    are values the chosen wording names but the call lacks. ``code`` may be a
    ``FindingCode`` or its text; the finding holds the text.
    """
    kind = finding_type(code)
    if variant is not None:
        chosen = kind.variant(variant)
        template_en, template_nb = chosen.message_en, chosen.message_nb
    else:
        template_en, template_nb = kind.message_en, kind.message_nb
    if severity is None:
        severity = kind.severity
    elif severity not in kind.severities:
        raise ValueError(f"finding {kind.code!r} is {' or '.join(kind.severities)}, not {severity!r}")
    unknown = set(values).difference(*(placeholders(en) for en, _ in kind.templates()))
    if unknown:
        raise ValueError(f"finding {kind.code!r}: no message of it names {', '.join(sorted(unknown))}")
    own = {"tiltak_nr": tiltak_nr, "part": part, "field": field, "body_value": body_value, "table_value": table_value, "page": page}
    printed = _AS_PRINTED.get()
    numbers = (("tiltak_nr", tiltak_nr), ("previous", values.get("previous")))
    shown = {**own, **values, **{k: printed[v] for k, v in numbers if isinstance(v, int) and v in printed}}
    message, message_nb = template_en.format(**shown), template_nb.format(**shown)
    return Finding(kind.code, severity, message, tiltak_nr, part, field, body_value, table_value, page, message_nb)


# A report that numbers its measures per focus area («Tiltak 2.1») gives them a tiltak_nr that is their
# place (segment.number_places); its findings' messages name them as printed, as a reader finds them.
_AS_PRINTED: ContextVar[Mapping[int, str]] = ContextVar("as_printed", default=MappingProxyType({}))


@contextmanager
def numbers_as_printed(numbered: Iterable[tuple[int, str]]) -> Iterator[None]:
    """Findings made within name a measure by its number as printed where that is not its tiltak_nr
    (``numbered``: (tiltak_nr, nummer) of the measures and rows); their ``tiltak_nr`` stays the key."""
    token = _AS_PRINTED.set({nr: nummer for nr, nummer in numbered if nummer and nummer != str(nr)})
    try:
        yield
    finally:
        _AS_PRINTED.reset(token)


def note(code: FindingCode | str, *details: str) -> str:
    """A note of the fields stage, ``code:detail``, which validate turns into a finding."""
    finding_type(code)
    return ":".join((code, *details))


def findings_markdown() -> str:
    """The table of finding codes (docs/findings.md), one row a code, from the registry."""
    lines = ["| Code | Severity | Meaning | Betydning |", "|---|---|---|---|"]
    for kind in FINDING_TYPES.values():
        lines.append(f"| `{kind.code}` | {' or '.join(kind.severities)} | {kind.title_en} | {kind.title_nb} |")
    return "\n".join(lines) + "\n"


def summarise(findings: Iterable[Finding]) -> dict[str, int]:
    counts = Counter(f.severity for f in findings)
    return {s: counts.get(s, 0) for s in SEVERITIES}


def merge_findings(findings: Iterable[Finding], extra: Iterable[Finding]) -> tuple[Finding, ...]:
    """Both lists without repeats, in validate's order (severity, tiltak, code)."""
    merged = list(dict.fromkeys([*findings, *extra]))
    order = {s: i for i, s in enumerate(SEVERITIES)}
    return tuple(sorted(merged, key=lambda f: (order[f.severity], f.tiltak_nr or 0, f.code)))
