"""The contract of every output table: explicit Arrow schemas.

Types, nullability, keys, and a description per column in English and Norwegian.
The data dictionary (docs/data-dictionary.md) and every ``datapackage.json`` are generated from them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import pyarrow as pa

LIST_SEPARATOR = "; "


def column(name: str, type_: pa.DataType, description: str, nullable: bool = True, nb: str | None = None) -> pa.Field:
    """A column with its English ``description`` and, if given, its Norwegian ``description_nb``."""
    metadata = {"description": description}
    if nb is not None:
        metadata["description_nb"] = nb
    return pa.field(name, type_, nullable=nullable, metadata=metadata)


def table_schema(
    fields: Sequence[pa.Field],
    description: str,
    nb: str,
    primary_key: Sequence[str] = (),
    foreign_keys: Sequence[tuple[Sequence[str], str, Sequence[str]]] = (),
) -> pa.Schema:
    """A table's schema; its description, primary key and foreign keys travel in the schema metadata.

    A foreign key is (fields, table, fields of that table). One on a column that may
    be null names that column alone: a key with some of its fields null cannot be
    checked (Frictionless reports it as missing), one with a single null field is skipped.
    """
    keys = [{"fields": list(f), "reference": {"resource": table, "fields": list(ref)}} for f, table, ref in foreign_keys]
    return pa.schema(
        fields,
        metadata={
            "description": description,
            "description_nb": nb,
            "primary_key": json.dumps(list(primary_key)),
            "foreign_keys": json.dumps(keys, ensure_ascii=False),
        },
    )


REPORT_ID = ("The report: the PDF's file name without extension.", "Rapporten: PDF-filens navn uten filendelse.")
PLAN = pa.struct([pa.field("name", pa.string()), pa.field("period_start", pa.int32()), pa.field("period_end", pa.int32())])
LINK = pa.struct([pa.field("field", pa.string()), pa.field("url", pa.string()), pa.field("anchor_text", pa.string())])
EXTERNAL_REFERENCE = pa.struct([pa.field("tiltak", pa.string()), pa.field("plan", pa.string())])


def _report_id() -> pa.Field:
    return column("report_id", pa.string(), REPORT_ID[0], False, nb=REPORT_ID[1])


def _block_nr() -> pa.Field:
    """The key of a block, unique by construction: a report may print a number twice (issue 11).

    Nullable only so that a report folder written before it existed still combines."""
    return column(
        "block_nr",
        pa.int32(),
        "Order of the «Tiltak N» block in the body (1, 2, …): the key of its row, unique even where the report prints "
        "a number twice (tiltak_nr stays as printed, with a duplicate_in_body finding).",
        nb="Blokkens plass i brødteksten (1, 2, …): nøkkelen til raden, entydig også der rapporten bruker et nummer to "
        "ganger (tiltak_nr står som trykt, med et duplicate_in_body-funn).",
    )


PER_AREA = (
    "; where the report numbers its measures per focus area («Tiltak 2.1», see nummer), its place among the numbers the report "
    "prints (1, 2, 3, …, in their order), the same in the body and the table",
    "; der rapporten nummererer tiltakene per innsatsområde («Tiltak 2.1», se nummer), plassen blant numrene rapporten trykker "
    "(1, 2, 3, …, i deres rekkefølge), den samme i brødteksten og tabellen",
)


def _nummer(nullable: bool = False, where: tuple[str, str] = ("", "")) -> pa.Field:
    """The measure's number as printed: what names it where the report numbers per focus area, and across reports."""
    return column(
        "nummer",
        pa.string(),
        f"{where[0]}The measure's number as the report prints it: «2.1» where the report numbers its measures per focus area "
        "(the last level restarting in each), else tiltak_nr as text («8», also for «Tiltak 2.8» whose last level is the plan's "
        "running number). What matches a measure across reports.",
        nullable,
        nb=f"{where[1]}Tiltakets nummer slik rapporten trykker det: «2.1» der rapporten nummererer tiltakene per innsatsområde "
        "(siste ledd begynner på nytt i hvert), ellers tiltak_nr som tekst («8», også for «Tiltak 2.8», der siste ledd er planens "
        "løpenummer). Det som kobler et tiltak på tvers av rapporter.",
    )


def _lead() -> pa.Field:
    return column(
        "lead_departement",
        pa.string(),
        "Abbreviation of the lead ministry: the first one named before «i samarbeid med» (for a measure with parts: "
        "that of its first part). Kept as printed even when the report's list of departments lacks it (finding unknown_department).",
        nb="Forkortelsen for det ledende departementet: det første som nevnes før «i samarbeid med» (for et tiltak med deler: "
        "den første delens). Beholdes som trykt også når rapportens liste over departementer mangler det (funnet unknown_department).",
    )


def _samarbeid() -> pa.Field:
    return column(
        "samarbeid",
        pa.list_(pa.string()),
        "Abbreviations of the partner ministries («i samarbeid med BFD, HOD, JD og KUD»; «BFD og AID»: AID), in printed order; "
        "for a measure with parts, those of every part.",
        nb="Forkortelsene for departementene det samarbeides med («i samarbeid med BFD, HOD, JD og KUD»; «BFD og AID»: AID), "
        "i trykt rekkefølge; for et tiltak med deler: alle delenes.",
    )


def _continued_in() -> pa.Field:
    return column(
        "continued_in",
        pa.list_(PLAN),
        "Plans the measure continues in, read from the status sentence («videreføres i …»): name, first and last year. "
        "The name is as printed, except that a leading «handlingsplanen» and quotation marks are dropped; the period's dash "
        "is normalised (years are numbers). In CSV each plan is «name (2024–2028)».",
        nb="Planene tiltaket videreføres i, lest fra statussetningen («videreføres i …»): navn, første og siste år. "
        "Navnet er som trykt, men et innledende «handlingsplanen» og anførselstegn er fjernet; streken i perioden er "
        "normalisert (årene er tall). I CSV er hver plan «navn (2024–2028)».",
    )


def _references() -> pa.Field:
    return column(
        "references",
        pa.list_(pa.int32()),
        "Numbers of the other measures of this plan that the text refers to («se tiltak 8», «Se også tiltak 1 og 27», "
        "«jf. Tiltak 5 i denne planen»), ascending; the block's own number is left out.",
        nb="Numrene på andre tiltak i denne planen som teksten viser til («se tiltak 8», «Se også tiltak 1 og 27», "
        "«jf. Tiltak 5 i denne planen»), stigende; blokkens eget nummer er utelatt.",
    )


def _external_references() -> pa.Field:
    return column(
        "external_references",
        pa.list_(EXTERNAL_REFERENCE),
        "Measures of other plans that the text refers to: the measure as printed, without spaces («26a», «1b»), and the plan "
        "as printed (without a leading «handlingsplanen» or quotation marks). In CSV each is «26a i «plan»».",
        nb="Tiltak i andre planer som teksten viser til: tiltaket som trykt, uten mellomrom («26a», «1b»), og planen som trykt "
        "(uten innledende «handlingsplanen» eller anførselstegn). I CSV er hvert «26a i «plan»».",
    )


def _links() -> pa.Field:
    return column(
        "links",
        pa.list_(LINK),
        "Hyperlinks inside the fields: the field, the URL and the words printed under the link (a link that wraps over "
        "lines is one link). Every link, with its box, is in the table lenker. In CSV each is «anchor text <URL>».",
        nb="Lenker i feltene: feltet, URL-en og ordene lenken ligger på (en lenke som brytes over flere linjer er én lenke). "
        "Hver lenke, med sin boks, står i tabellen lenker. I CSV er hver «lenketekst <URL>».",
    )


def _box(what: str, hva: str) -> list[pa.Field]:
    return [
        column(
            "page",
            pa.int32(),
            f"1-based physical page of the PDF where {what} is printed.",
            False,
            nb=f"Fysisk side (fra 1) i PDF-en der {hva} står.",
        ),
        column(
            "x0",
            pa.float64(),
            "Left edge of the box, in PDF points from the page's left edge.",
            False,
            nb="Boksens venstre kant, i PDF-punkter fra sidens venstre kant.",
        ),
        column(
            "top",
            pa.float64(),
            "Top edge of the box, in PDF points from the page's top edge.",
            False,
            nb="Boksens øvre kant, i PDF-punkter fra sidens øvre kant.",
        ),
        column(
            "x1",
            pa.float64(),
            "Right edge of the box, in PDF points from the page's left edge.",
            False,
            nb="Boksens høyre kant, i PDF-punkter fra sidens venstre kant.",
        ),
        column(
            "bottom",
            pa.float64(),
            "Bottom edge of the box, in PDF points from the page's top edge.",
            False,
            nb="Boksens nedre kant, i PDF-punkter fra sidens øvre kant.",
        ),
    ]


TILTAK_SCHEMA = table_schema(
    [
        _report_id(),
        _block_nr(),
        column(
            "tiltak_nr",
            pa.int32(),
            f"Number of the measure in the plan («Tiltak N»), as printed{PER_AREA[0]}.",
            False,
            nb=f"Tiltakets nummer i planen («Tiltak N»), som trykt{PER_AREA[1]}.",
        ),
        _nummer(),
        column(
            "title",
            pa.string(),
            "Title in the block's heading, as printed in the body (may differ from the table's).",
            nb="Tittelen i blokkens overskrift, slik den står i brødteksten (kan avvike fra tabellens).",
        ),
        column(
            "innsatsomrade_nr",
            pa.int32(),
            "Number of the focus area (innsatsområde) whose heading the block stands under.",
            nb="Nummeret på innsatsområdet som blokken står under.",
        ),
        column(
            "innsatsomrade_title",
            pa.string(),
            "Title of that focus area, from its body heading.",
            nb="Tittelen på innsatsområdet, fra overskriften i brødteksten.",
        ),
        column(
            "description",
            pa.string(),
            "Text between the heading and the first label. For a measure with parts: each part as «a) part title. text», in order.",
            nb="Teksten mellom overskriften og første etikett. For et tiltak med deler: hver del som «a) deltittel. tekst», i rekkefølge.",
        ),
        column(
            "ansvarlig_label",
            pa.string(),
            "The department label as printed («Ansvarlig departement», «Ansvarlige departementer», …).",
            nb="Departementsetiketten slik den er trykt («Ansvarlig departement», «Ansvarlige departementer», …).",
        ),
        column(
            "ansvarlig_departement",
            pa.string(),
            "Text after the department label, as printed. For a measure with parts that each name one: «a) … b) …» unless all agree.",
            nb="Teksten etter departementsetiketten, som trykt. For et tiltak med deler som hver nevner et: «a) … b) …», med mindre alle er like.",
        ),
        _lead(),
        _samarbeid(),
        column(
            "status",
            pa.string(),
            "Status normalised to the table's vocabulary (Ferdigstilt / Videreføres; «ukjent» if unrecognised). With parts that differ: Videreføres if any part continues.",
            nb="Status normalisert til tabellens ordforråd (Ferdigstilt / Videreføres; «ukjent» hvis ukjent). Med deler som er ulike: Videreføres hvis en del videreføres.",
        ),
        column(
            "status_text",
            pa.string(),
            "The status sentence as printed (with parts reported separately: «a) … b) …»).",
            nb="Statussetningen slik den er trykt (med deler rapportert hver for seg: «a) … b) …»).",
        ),
        _continued_in(),
        column(
            "sluttrapport",
            pa.string(),
            "The final report text after «Sluttrapport:» (with parts reported separately: «a) … b) …»).",
            nb="Sluttrapportens tekst etter «Sluttrapport:» (med deler rapportert hver for seg: «a) … b) …»).",
        ),
        column(
            "parts",
            pa.list_(pa.string()),
            "Letters of the measure's parts («a», «b»); empty when it has none.",
            nb="Bokstavene til tiltakets deler («a», «b»); tom når det ikke har deler.",
        ),
        column(
            "page_start",
            pa.int32(),
            "1-based physical page of the PDF where the block's heading starts.",
            nb="Fysisk side (fra 1) i PDF-en der blokkens overskrift begynner.",
        ),
        column("page_end", pa.int32(), "1-based physical page of the block's last line.", nb="Fysisk side (fra 1) med blokkens siste linje."),
        column(
            "table_status",
            pa.string(),
            "Status of the measure in the overview table, for comparison.",
            nb="Tiltakets status i oversiktstabellen, til sammenligning.",
        ),
        column(
            "finding_codes",
            pa.list_(pa.string()),
            "Codes of the validation findings about this measure (see validation.json).",
            nb="Kodene til valideringsfunnene om dette tiltaket (se validation.json).",
        ),
        _references(),
        _external_references(),
        _links(),
    ],
    "One row per «Tiltak N» block of the report's body.",
    "Én rad per «Tiltak N»-blokk i rapportens brødtekst.",
    primary_key=("report_id", "block_nr"),
    foreign_keys=[(["innsatsomrade_nr"], "innsatsomrader", ["innsatsomrade_nr"])],
)

DELER_SCHEMA = table_schema(
    [
        _report_id(),
        _block_nr(),
        column(
            "del_id",
            pa.string(),
            "Key of the row: the measure's number as printed (nummer) plus part letter («9a», «2.1a»), or the number alone for a measure "
            "without parts.",
            False,
            nb="Radens nøkkel: tiltakets nummer som trykt (nummer) og delens bokstav («9a», «2.1a»), eller bare nummeret for et tiltak uten deler.",
        ),
        column("tiltak_nr", pa.int32(), f"Number of the measure{PER_AREA[0]}.", False, nb=f"Tiltakets nummer{PER_AREA[1]}."),
        _nummer(),
        column(
            "part",
            pa.string(),
            "Part letter («a», «b»), null for a measure without parts.",
            nb="Delens bokstav («a», «b»); tom for et tiltak uten deler.",
        ),
        column(
            "part_title",
            pa.string(),
            "Title in the part's heading («Tiltak 9 a) …»); null without parts.",
            nb="Tittelen i delens overskrift («Tiltak 9 a) …»); tom uten deler.",
        ),
        column(
            "description",
            pa.string(),
            "The part's own text (the whole block's description for a measure without parts).",
            nb="Delens egen tekst (hele blokkens beskrivelse for et tiltak uten deler).",
        ),
        column(
            "ansvarlig_departement",
            pa.string(),
            "Text after the department label that applies to this part, as printed.",
            nb="Teksten etter departementsetiketten som gjelder denne delen, som trykt.",
        ),
        _lead(),
        _samarbeid(),
        column(
            "status",
            pa.string(),
            "Status of this part, normalised (Ferdigstilt / Videreføres / ukjent).",
            nb="Denne delens status, normalisert (Ferdigstilt / Videreføres / ukjent).",
        ),
        column(
            "status_text",
            pa.string(),
            "Status sentence that applies to this part, as printed.",
            nb="Statussetningen som gjelder denne delen, som trykt.",
        ),
        _continued_in(),
        column("sluttrapport", pa.string(), "Final report text that applies to this part.", nb="Sluttrapportteksten som gjelder denne delen."),
        column(
            "inherited_fields",
            pa.list_(pa.string()),
            "Fields given once for the whole measure and copied to this part (e.g. tiltak 9's status).",
            nb="Felt som er gitt én gang for hele tiltaket og kopiert til denne delen (f.eks. statusen til tiltak 9).",
        ),
        column("page_start", pa.int32(), "First page of the part's heading and fields.", nb="Første side med delens overskrift og felt."),
        column("page_end", pa.int32(), "Last page of the part's heading and fields.", nb="Siste side med delens overskrift og felt."),
        _references(),
        _external_references(),
        _links(),
    ],
    "One row per part of a measure («9 a», «9 b»); a measure without parts has one row.",
    "Én rad per del av et tiltak («9 a», «9 b»); et tiltak uten deler har én rad.",
    primary_key=("report_id", "block_nr", "del_id"),
    foreign_keys=[(["report_id", "block_nr", "tiltak_nr"], "tiltak", ["report_id", "block_nr", "tiltak_nr"])],
)

OVERSIKT_SCHEMA = table_schema(
    [
        _report_id(),
        column(
            "row_nr",
            pa.int32(),
            "Order of the row in the table (1, 2, …): the key of the row, unique even where the table prints a number twice "
            "(with a duplicate_in_table finding).",
            nb="Radens plass i tabellen (1, 2, …): nøkkelen til raden, entydig også der tabellen bruker et nummer to ganger "
            "(med et duplicate_in_table-funn).",
        ),
        column(
            "tiltak_nr", pa.int32(), f"Number in the table's «Nr.» column{PER_AREA[0]}.", False, nb=f"Nummeret i tabellens «Nr.»-kolonne{PER_AREA[1]}."
        ),
        _nummer(where=("The «Nr.» cell as printed. ", "«Nr.»-cellen som trykt. ")),
        column("title", pa.string(), "The «Tiltak» cell, wrapped lines joined.", nb="«Tiltak»-cellen, med brutte linjer satt sammen."),
        column("ansvarlig_departement", pa.string(), "The «Ansvarlig dep.» cell as printed.", nb="«Ansvarlig dep.»-cellen som trykt."),
        column("status", pa.string(), "The «Status» cell as printed.", nb="«Status»-cellen som trykt."),
        column(
            "innsatsomrade_nr",
            pa.int32(),
            "Number of the group row («Innsatsområde N: …») the row stands under.",
            nb="Nummeret i grupperaden («Innsatsområde N: …») som raden står under.",
        ),
        column("innsatsomrade_title", pa.string(), "Title of that group row.", nb="Tittelen i den grupperaden."),
        column("undergruppe", pa.string(), "Sub-group row the row stands under, if any.", nb="Undergrupperaden som raden står under, om noen."),
        column("page", pa.int32(), "1-based physical page of the row's first line.", nb="Fysisk side (fra 1) med radens første linje."),
    ],
    "The overview table «Oversikt over status for tiltak» as published, one row per table row.",
    "Oversiktstabellen «Oversikt over status for tiltak» slik den er publisert, én rad per tabellrad.",
    primary_key=("report_id", "row_nr"),
)

INNSATSOMRADER_SCHEMA = table_schema(
    [
        _report_id(),
        column("innsatsomrade_nr", pa.int32(), "Number of the focus area.", False, nb="Innsatsområdets nummer."),
        column("title", pa.string(), "Title in the body heading.", nb="Tittelen i overskriften i brødteksten."),
        column(
            "intro",
            pa.string(),
            "The introductory text under the heading, before the first measure.",
            nb="Innledningsteksten under overskriften, før første tiltak.",
        ),
        column("page", pa.int32(), "1-based physical page of the heading.", nb="Fysisk side (fra 1) med overskriften."),
    ],
    "The focus areas (innsatsområder) of the body and their introductions.",
    "Innsatsområdene i brødteksten og innledningene deres.",
    primary_key=("report_id", "innsatsomrade_nr"),
)

DEPARTEMENTER_SCHEMA = table_schema(
    [
        _report_id(),
        column(
            "abbreviation",
            pa.string(),
            "Abbreviation as printed in the report's list («AID», «IMDi», «HK-dir»).",
            False,
            nb="Forkortelsen slik den står i rapportens liste («AID», «IMDi», «HK-dir»).",
        ),
        column("name", pa.string(), "Full name as printed.", False, nb="Fullt navn som trykt."),
        column(
            "kind",
            pa.string(),
            "ministry (departement) or directorate (direktorat): read from the entry's indentation in the list.",
            False,
            nb="ministry (departement) eller directorate (direktorat): lest fra innrykket i listen.",
        ),
        column(
            "parent",
            pa.string(),
            "For a directorate, the abbreviation of the ministry it is listed under; null for a ministry.",
            nb="For et direktorat: forkortelsen for departementet det står under i listen; tom for et departement.",
        ),
        column(
            "note",
            pa.string(),
            "Text of the footnote whose marker stands on the entry (AID: integration moved from KD to AID).",
            nb="Teksten i fotnoten som har sin henvisning på oppføringen (AID: integreringsarbeidet flyttet fra KD til AID).",
        ),
        column("footnote", pa.int32(), "Number of that footnote (see fotnoter).", nb="Nummeret på den fotnoten (se fotnoter)."),
        column("page", pa.int32(), "1-based physical page of the entry.", nb="Fysisk side (fra 1) med oppføringen."),
    ],
    "The ministries and directorates responsible for measures, as the report lists them («Tiltaksansvarlige departementer»).",
    "Departementene og direktoratene som var ansvarlige for tiltak, slik rapporten lister dem («Tiltaksansvarlige departementer»).",
    primary_key=("report_id", "abbreviation"),
    foreign_keys=[(["parent"], "departementer", ["abbreviation"]), (["footnote"], "fotnoter", ["number"])],
)

FOTNOTER_SCHEMA = table_schema(
    [
        _report_id(),
        column("number", pa.int32(), "The footnote's number.", False, nb="Fotnotens nummer."),
        column("text", pa.string(), "The footnote's text.", nb="Fotnotens tekst."),
        column("page", pa.int32(), "1-based physical page where the footnote's text is printed.", nb="Fysisk side (fra 1) der fotnotens tekst står."),
        column(
            "tiltak_nr",
            pa.int32(),
            "The measure whose text carries the marker; null outside the measures (front matter).",
            nb="Tiltaket som har fotnotehenvisningen i sin tekst; tom utenfor tiltakene (innledende sider).",
        ),
        _nummer(True, ("That measure's number as printed; null outside the measures. ", "Det tiltakets nummer som trykt; tom utenfor tiltakene. ")),
        column(
            "part",
            pa.string(),
            "Part letter when the marker stands in a part's own field; null otherwise.",
            nb="Delens bokstav når henvisningen står i en dels eget felt; ellers tom.",
        ),
        column(
            "field",
            pa.string(),
            "The field whose text carries the marker (title, description, ansvarlig_departement, status, sluttrapport), "
            "or «departementer» for the report's list of departments; null if the marker stands elsewhere.",
            nb="Feltet som har henvisningen i sin tekst (title, description, ansvarlig_departement, status, sluttrapport), "
            "eller «departementer» for rapportens liste over departementer; tom hvis henvisningen står et annet sted.",
        ),
        column("marker_page", pa.int32(), "1-based physical page of the marker.", nb="Fysisk side (fra 1) med henvisningen."),
        column(
            "marker_after",
            pa.string(),
            "The word the superscript marker was glued to («(AID)», «lhbtiq»).",
            nb="Ordet den hevede henvisningen satt fast i («(AID)», «lhbtiq»).",
        ),
    ],
    "The report's footnotes and where their markers stand.",
    "Rapportens fotnoter og hvor henvisningene til dem står.",
    primary_key=("report_id", "number"),
    foreign_keys=[(["tiltak_nr"], "tiltak", ["tiltak_nr"])],
)

LENKER_SCHEMA = table_schema(
    [
        _report_id(),
        column("url", pa.string(), "The link's target.", False, nb="Lenkens mål."),
        column(
            "scheme",
            pa.string(),
            "The URL's scheme in lower case, as a browser reads it (spaces and control characters at the ends, tabs and "
            "newlines inside, ignored): https, mailto, javascript, …; null for a URL without one (relative, or «www.…» "
            "written without http).",
            nb="URL-ens skjema med små bokstaver, slik en nettleser leser det (mellomrom og kontrolltegn i endene, tabulatorer "
            "og linjeskift inni, ignorert): https, mailto, javascript, …; tom for en URL uten skjema (relativ, eller «www.…» "
            "skrevet uten http).",
        ),
        column(
            "unsafe_scheme",
            pa.bool_(),
            "True when the scheme is other than http, https or mailto (javascript:, file:, data:, vbscript:, …): such a link "
            "may run something or open a local file, is not to be followed, and has an unsafe_link_scheme finding. False for "
            "a URL without a scheme, which runs nothing by itself. Null only in a report folder written before the column existed.",
            nb="Sann når skjemaet er et annet enn http, https eller mailto (javascript:, file:, data:, vbscript:, …): en slik lenke "
            "kan kjøre noe eller åpne en lokal fil, skal ikke følges, og har et unsafe_link_scheme-funn. Usann for en URL uten "
            "skjema, som ikke kjører noe av seg selv. Tom bare i en rapportmappe skrevet før kolonnen fantes.",
        ),
        column(
            "anchor_text",
            pa.string(),
            "The words printed under the link, all its lines joined.",
            nb="Ordene lenken ligger over, alle linjene satt sammen.",
        ),
        column(
            "tiltak_nr", pa.int32(), "The measure the link stands in; null outside the measures.", nb="Tiltaket lenken står i; tom utenfor tiltakene."
        ),
        _nummer(True, ("That measure's number as printed; null outside the measures. ", "Det tiltakets nummer som trykt; tom utenfor tiltakene. ")),
        column(
            "part",
            pa.string(),
            "Part letter when the link stands in a part's own field; null otherwise.",
            nb="Delens bokstav når lenken står i en dels eget felt; ellers tom.",
        ),
        column(
            "field",
            pa.string(),
            "The field whose boxes the link overlaps most (title, description, ansvarlig_departement, status, sluttrapport).",
            nb="Feltet hvis bokser lenken overlapper mest (title, description, ansvarlig_departement, status, sluttrapport).",
        ),
        *_box("the link's first annotation", "lenkens første annotasjon"),
    ],
    "Every link of the PDF (the annotations of an anchor text that wraps merged into one), with the box of its first piece and the field it stands in.",
    "Alle lenker i PDF-en (annotasjonene til en lenketekst som brytes, slått sammen til én), med boksen til første del og feltet de står i.",
    foreign_keys=[(["tiltak_nr"], "tiltak", ["tiltak_nr"])],
)

PROVENANCE_SCHEMA = table_schema(
    [
        _report_id(),
        column("tiltak_nr", pa.int32(), "Number of the measure.", False, nb="Tiltakets nummer."),
        _nummer(),
        _block_nr(),
        column(
            "part",
            pa.string(),
            "Null: a field of the measure's row in tiltak; a letter: a field of that part's row in tiltak_deler "
            "(a measure with parts has both, so its boxes are listed under both).",
            nb="Tom: et felt i tiltakets rad i tiltak; en bokstav: et felt i den delens rad i tiltak_deler "
            "(et tiltak med deler har begge, så boksene står under begge).",
        ),
        column(
            "field",
            pa.string(),
            "The field: title (a part's: part_title), description, ansvarlig_departement (also lead_departement, samarbeid), "
            "status (status, status_text, continued_in) or sluttrapport.",
            False,
            nb="Feltet: title (for en del: part_title), description, ansvarlig_departement (også lead_departement, samarbeid), "
            "status (status, status_text, continued_in) eller sluttrapport.",
        ),
        *_box("the box", "boksen"),
        column(
            "element",
            pa.string(),
            "The element of a Word or web edition the box was set from, as the edition names it. Word: a paragraph of the body "
            "by its place among the body's paragraphs, counted from 1 («p 33»), a table cell's paragraph («table 1, row 3, "
            "cell 2, p 1»), a note's («footnote 4, p 1»). HTML: the nearest block element by its tag and its place among the "
            "page's elements of that tag, counted from 1 («p 57», «li 12», «h3 5»), a table cell by table, row and cell "
            "(«table 1, row 3, cell 2»). A box across two elements names the one it covers most of. An edition's page and box "
            "are those of the pages it is typeset into. Null for a PDF, whose page and box are where the value is printed.",
            nb="Elementet i Word- eller nettutgaven som boksen ble satt fra, slik utgaven navngir det. Word: et avsnitt i "
            "brødteksten etter plassen blant brødtekstens avsnitt, regnet fra 1 («p 33»), et avsnitt i en tabellcelle "
            "(«table 1, row 3, cell 2, p 1»), et avsnitt i en note («footnote 4, p 1»). HTML: nærmeste blokkelement etter "
            "tagg og plass blant sidens elementer med samme tagg, regnet fra 1 («p 57», «li 12», «h3 5»), en tabellcelle "
            "etter tabell, rad og celle («table 1, row 3, cell 2»). En boks som går over to elementer, navngir det den "
            "dekker mest av. En utgaves side og boks er de i sidene den settes på. Tom for en PDF, der side og boks er der "
            "verdien står trykt.",
        ),
    ],
    "Where every field was read from: one row per box (a printed line or part of one), in reading order.",
    "Hvor hvert felt ble lest fra: én rad per boks (en trykt linje eller en del av en), i leserekkefølge.",
    foreign_keys=[(["report_id", "block_nr", "tiltak_nr"], "tiltak", ["report_id", "block_nr", "tiltak_nr"])],
)

SCHEMAS = {
    "tiltak": TILTAK_SCHEMA,
    "tiltak_deler": DELER_SCHEMA,
    "oversikt": OVERSIKT_SCHEMA,
    "innsatsomrader": INNSATSOMRADER_SCHEMA,
    "departementer": DEPARTEMENTER_SCHEMA,
    "fotnoter": FOTNOTER_SCHEMA,
    "lenker": LENKER_SCHEMA,
    "provenance": PROVENANCE_SCHEMA,
}
