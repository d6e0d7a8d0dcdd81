"""The stage cache follows the code and cannot run code.

Its key holds a digest of the package's files, so an edited stage is recomputed without
``--force``; its entries are JSON read back through a strict reader, so a planted pickle
runs nothing and a malformed entry is a miss; and a cached encrypted PDF still needs its
password. See :mod:`pipeline.run.cache`.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import orjson
import pytest
from reportlab.lib.pdfencrypt import StandardEncryption

import pipeline
from pipeline import __version__, errors
from pipeline.choice.detect import all_profiles
from pipeline.cli import PASSWORD_ENV, main
from pipeline.model import ShapeError, Word, for_json, from_jsonable, from_jsonable_strict
from pipeline.run.cache import STAGE_FORMAT, StageCache, code_digest, package_files, source_digest
from pipeline.run.executors import run_one
from pipeline.run.runner import cached_stages, output_files, process_pdf, profile_key, stages_from_json
from pipeline.stages.fields import Tiltak
from pipeline.stages.guards import sha256_of

from .helpers import mini_report, processed

PACKAGE = Path(pipeline.__file__).parent
PASSWORD = "Hemmelig-Passord-7391"


def entry_of(cache: Path) -> Path:
    """The one entry that one PDF leaves in a cache folder."""
    (entry,) = cache.glob("*.json")
    return entry


def run(*args: str) -> tuple[int, str, str]:
    """``pipeline run`` in this process: exit code, stdout, stderr."""
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = main(["run", *args, "--in-process"])
    return code, stdout.getvalue(), stderr.getvalue()


# --- entries are data ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["word", "alt", "lo-justified-serif", "ho6-wp-underlined-headings"])
def test_an_entry_reads_back_as_the_stages_it_was_written_from(name):
    stages, files = processed(name)
    back = stages_from_json(orjson.loads(orjson.dumps(stages)))
    assert back == stages
    assert output_files(back) == files, "the same bytes exported from the entry as from the stages computed"


def test_underlined_words_read_back_underlined_and_plain_ones_go_to_orjson_whole():
    """ho6-wp-underlined-headings sets its headings apart by an underline alone: the mark is written
    (``"underlined": true``) and read back on its words, and only on them; a plain word is written as
    orjson writes a dataclass, with no key for the underline (the stage files of every other PDF)."""
    stages, _ = processed("ho6-wp-underlined-headings")
    words = [w for line in stages.document.lines for w in line.words]
    marked = [w for w in words if w.underlined]
    assert marked and len(marked) < len(words) // 4
    back = stages_from_json(orjson.loads(orjson.dumps(stages)))
    back_words = [w for line in back.document.lines for w in line.words]
    assert [w.underlined for w in back_words] == [w.underlined for w in words]
    assert all(type(b) is type(w) for b, w in zip(back_words, words))
    plain = next(w for w in words if not w.underlined)
    assert for_json(plain) is plain and "underlined" not in orjson.loads(orjson.dumps(plain))
    assert orjson.loads(orjson.dumps(marked[0]))["underlined"] is True
    assert from_jsonable(Word, orjson.loads(orjson.dumps(marked[0]))) == marked[0]


def test_an_entry_through_the_cache_is_the_stages_put(tmp_path):
    stages, _ = processed("word")
    cache = StageCache(tmp_path)
    cache.put("k", stages)
    assert cache.path("k").name == "k.json" and cache.path("k").read_bytes().startswith(b"{")
    assert cache.get("k", stages_from_json) == stages


def tiltak_data() -> list:
    return orjson.loads(orjson.dumps(processed("word")[0].tiltak))


@pytest.mark.parametrize(
    "spoil",
    [
        lambda t: "33",  # a string where a tuple of tiltak is expected
        lambda t: [*t[:-1], t[-1] | {"tiltak_nr": "33"}],  # a string where an int is expected
        lambda t: [t[0] | {"tiltak_nr": True}, *t[1:]],  # JSON's true is no number
        lambda t: [t[0] | {"page_start": 1.5}, *t[1:]],
        lambda t: [{k: v for k, v in t[0].items() if k != "title"}, *t[1:]],  # a field missing
        lambda t: [t[0] | {"extra": 1}, *t[1:]],  # a field too many
        lambda t: [t[0] | {"title_boxes": [[1, 2, 3, 4, 5]]}, *t[1:]],  # a box as a list, not an object
        lambda t: [t[0] | {"notes": [None]}, *t[1:]],
        lambda t: [t[0] | {"title": None}, *t[1:]],  # None where no None is allowed
        lambda t: [None],
    ],
)
def test_the_strict_reader_refuses_data_of_another_shape(spoil):
    with pytest.raises(ShapeError):
        from_jsonable_strict(tuple[Tiltak, ...], spoil(tiltak_data()))


def test_the_strict_reader_keeps_what_it_reads_as_written():
    data = tiltak_data()
    data[0]["title_boxes"][0]["x0"] = 72  # an int in a float field is a number, and stays an int
    data[0]["innsatsomrade_nr"] = None  # None where None is allowed
    (first, *_) = from_jsonable_strict(tuple[Tiltak, ...], data)
    assert type(first.title_boxes[0].x0) is int and first.innsatsomrade_nr is None
    assert orjson.loads(orjson.dumps(first)) == data[0]


def test_the_strict_reader_reads_fields_left_out_at_their_defaults_as_those_defaults():
    """A document's stage file leaves out its text blocks' shifts where no page is shifted, and its elements where it
    is a PDF: read strictly, each is its default again (an empty tuple, no JSON array to check), and a document whose
    pages are shifted (held-out ho7-ty-mirrored-gutter) reads back with its shifts."""
    from pipeline.model import Document

    plain, shifted = Document("r.pdf", "0" * 64, 2, 11.0, 72.0, (), ()), Document("r.pdf", "0" * 64, 2, 11.0, 51.0, (), (), shifts=(48.0, 0.0))
    for document in (plain, shifted):
        data = orjson.loads(orjson.dumps(for_json(document)))
        assert ("shifts" in data) == bool(document.shifts) and "elements" not in data
        assert from_jsonable_strict(Document, data) == document
    with pytest.raises(ShapeError):
        from_jsonable_strict(Document, orjson.loads(orjson.dumps(for_json(shifted))) | {"shifts": "48"})  # what is written is checked


# --- the key follows the code -------------------------------------------------------------------


def package_copy(folder: Path) -> Path:
    """A copy of the package as installed, beside nothing else (its bytecode left out)."""
    copy = folder / "src" / "pipeline"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def test_the_code_digest_is_of_every_file_of_the_package_but_bytecode(tmp_path):
    copy = package_copy(tmp_path)
    assert source_digest(copy) == source_digest(PACKAGE), "a copy of the same files is the same code"
    assert {p.suffix for p in package_files(copy)} >= {".py", ".toml", ".css", ".js"}
    (copy / "stages" / "__pycache__").mkdir(exist_ok=True)
    (copy / "stages" / "__pycache__" / "fields.cpython-311.pyc").write_bytes(b"bytecode")
    (copy / "stages" / ".fields.py.swp").write_bytes(b"an editor's")
    assert source_digest(copy) == source_digest(PACKAGE), "bytecode and hidden files are not code of their own"
    profile = copy / "profiles" / "frihet-sluttrapport.toml"
    profile.write_bytes(profile.read_bytes() + b"\n")
    assert source_digest(copy) != source_digest(PACKAGE), "a profile shipped with the package"
    profile.write_bytes(profile.read_bytes()[:-1])
    (copy / "stages" / "fields.py").write_bytes((copy / "stages" / "fields.py").read_bytes() + b"# edited\n")
    assert source_digest(copy) != source_digest(PACKAGE), "a stage edited"


def test_the_key_names_the_format_and_the_code_and_fits_a_file_name(mini_pdf, tmp_path):
    key, _ = cached_stages(mini_pdf, None, StageCache(tmp_path))
    assert key == f"{sha256_of(mini_pdf)}-s{STAGE_FORMAT}-{code_digest()}-{profile_key(all_profiles(), inferring=True)}-pdfplumber"
    assert __version__ not in key.split("-"), "the code digest, not the version number that never changed"
    assert len(f"{key}.json") < 140
    with pytest.raises(errors.UsageError):
        cached_stages(mini_pdf, None, StageCache(tmp_path), engine="../../elsewhere")
    with pytest.raises(ValueError):
        StageCache(tmp_path).path("../../elsewhere")


def test_an_edited_stage_is_recomputed_without_force(mini_pdf, tmp_path):
    """The package copied, its fields stage edited to keep one tiltak, and run from the copy
    against the same --out: the edit shows, where the cache used to serve the old result."""
    out = tmp_path / "out"
    assert run(str(mini_pdf), "--out", str(out))[0] == 0
    assert "3 tiltak" in run(str(mini_pdf), "--out", str(out))[1]
    copy = package_copy(tmp_path)
    with (copy / "stages" / "registry.py").open("a", encoding="utf-8") as fh:  # an edit that holds whatever the file says
        fh.write(
            "\n\nfrom dataclasses import replace as _replace\n"
            "STAGES = tuple(_replace(s, run=lambda *a, _run=s.run: _run(*a)[:1]) if s.name == 'fields' else s for s in STAGES)\n"
            "RESULTS = {s.writes: s for s in STAGES}\n"
        )
    env = {k: v for k, v in os.environ.items() if k != PASSWORD_ENV} | {"PYTHONPATH": str(copy.parent)}
    edited = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", str(mini_pdf), "--out", str(out), "--in-process"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert edited.returncode == 0, edited.stderr
    assert "1 tiltak" in edited.stdout and "from cache" not in edited.stdout
    assert (out / "mini-rapport" / "tiltak.csv").read_text(encoding="utf-8").count("\n") == 2, "a header and one tiltak"
    back = run(str(mini_pdf), "--out", str(out))[1]
    assert "3 tiltak" in back and "from cache" in back, "each code keeps its own entry"


# --- an entry cannot run code, and a bad one is a miss ------------------------------------------


class Plant:
    """A pickle that creates ``marker`` when it is unpickled."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def planted_names(out: Path, pdf: Path) -> list[Path]:
    """Every name the cache reads or ever read for ``pdf``: the entries of a run, the same with
    ``.pickle``, and the names of the pickle cache (its stages and its stage files at this place)."""
    cache = out / ".cache"
    (key,) = (p.stem for p in cache.iterdir())
    old = f"{sha256_of(pdf)}-{__version__}-{profile_key(all_profiles(), inferring=True)}-pdfplumber"
    place = hashlib.sha256(str(pdf.resolve()).encode()).hexdigest()[:12]
    stems = [key, f"{key}-stagefiles-{place}", old, f"{old}-stagefiles-{place}"]
    return [cache / f"{stem}{suffix}" for stem in stems for suffix in (".json", ".pickle")]


def test_a_planted_pickle_runs_nothing_and_is_a_miss(mini_pdf, tmp_path):
    out, marker = tmp_path / "out", tmp_path / "marker"
    assert run(str(mini_pdf), "--out", str(out))[0] == 0
    expected = (out / "mini-rapport" / "tiltak.parquet").read_bytes()
    payload = pickle.dumps(Plant(marker))
    for path in planted_names(out, mini_pdf):
        path.write_bytes(payload)
    code, stdout, _ = run(str(mini_pdf), "--out", str(out))
    assert not marker.exists(), "nothing was unpickled"
    assert code == 0 and "3 tiltak" in stdout and "from cache" not in stdout
    assert (out / "mini-rapport" / "tiltak.parquet").read_bytes() == expected
    assert "from cache" in run(str(mini_pdf), "--out", str(out))[1], "the planted entry was replaced by a good one"
    assert not marker.exists()


def with_data(change):
    """A spoiler of an entry's JSON data."""
    return lambda entry: orjson.dumps(change(orjson.loads(entry)))


SPOILERS = {
    "truncated": lambda entry: entry[: len(entry) // 2],
    "empty": lambda entry: b"",
    "not JSON": lambda entry: b"\x80\x04not json",
    "a string": lambda entry: b'"stages"',
    "tiltak a string": with_data(lambda d: d | {"tiltak": "33"}),
    "a tiltak number a string": with_data(lambda d: d | {"tiltak": [d["tiltak"][0] | {"tiltak_nr": "1"}, *d["tiltak"][1:]]}),
    "a field missing": with_data(lambda d: {k: v for k, v in d.items() if k != "enrichment"}),
    "lines an object": with_data(lambda d: d | {"document": d["document"] | {"lines": {"words": 1}}}),
    "a stage files entry": lambda entry: orjson.dumps({"stages/extract.json": "{}"}),
    # of the right shape, but its parts disagree: export would fail on it
    "tiltak without their enrichment": with_data(lambda d: d | {"enrichment": d["enrichment"] | {"tiltak": []}}),
    "enrichment without its tiltak": with_data(lambda d: d | {"tiltak": []}),
}


@pytest.mark.parametrize("spoil", list(SPOILERS))
def test_a_malformed_entry_is_a_miss_and_the_run_succeeds(mini_pdf, tmp_path, spoil):
    out = tmp_path / "out"
    assert run(str(mini_pdf), "--out", str(out))[0] == 0
    expected = {p.relative_to(out): p.read_bytes() for p in (out / "mini-rapport").rglob("*") if p.is_file()}
    entry = entry_of(out / ".cache")
    entry.write_bytes(SPOILERS[spoil](entry.read_bytes()))
    code, stdout, stderr = run(str(mini_pdf), "--out", str(out))
    assert (code, stderr) == (0, "") and "from cache" not in stdout
    assert {p.relative_to(out): p.read_bytes() for p in (out / "mini-rapport").rglob("*") if p.is_file()} == expected
    assert "from cache" in run(str(mini_pdf), "--out", str(out))[1], "the entry was written again"


def test_a_bad_entry_is_a_miss_for_process_pdf_and_run_one_too(mini_pdf, tmp_path):
    cache = StageCache(tmp_path / "cache")
    stages, files = process_pdf(mini_pdf, None, cache)
    entry_of(cache.root).write_bytes(orjson.dumps({"tiltak": 1}))
    assert process_pdf(mini_pdf, None, cache) == (stages, files) and cache.hits == 0
    result = run_one(mini_pdf, tmp_path / "out", cache=cache)
    assert result.ok and result.cached, "the entry was written again by the miss"


def test_an_entry_that_is_no_regular_file_is_a_miss_at_once(tmp_path):
    """A FIFO under an entry's name would block its reader for ever; a link could lead anywhere."""
    cache = StageCache(tmp_path)
    os.mkfifo(cache.path("fifo"))
    (tmp_path / "target.json").write_bytes(orjson.dumps("x"))
    cache.path("link").symlink_to(tmp_path / "target.json")
    found: list = []
    reader = threading.Thread(target=lambda: found.extend([cache.get("fifo", str), cache.get("link", str)]), daemon=True)
    reader.start()
    reader.join(10)
    assert found == [None, None]
    cache.put("fifo", "stages")
    assert cache.get("fifo", str) == "stages", "a good entry replaces it"


# --- an encrypted PDF still needs its password ---------------------------------------------------


@pytest.fixture
def locked(tmp_path) -> Path:
    mini = mini_report()
    mini.encrypt = StandardEncryption(PASSWORD, ownerPassword="eier", strength=40)
    return mini.write(tmp_path / "locked.pdf")


def test_a_cached_encrypted_pdf_needs_its_password(locked, tmp_path, monkeypatch):
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    out = tmp_path / "out"
    assert run(str(locked), "--out", str(out), "--password", PASSWORD)[0] == 0
    assert "from cache" in run(str(locked), "--out", str(out), "--password", PASSWORD)[1]
    before = (out / "locked" / "tiltak.parquet").read_bytes()
    code, stdout, stderr = run(str(locked), "--out", str(out), "--password", "feil")
    assert code == 4 and "wrong password: the password given does not open it" in stderr and "feil" not in stdout + stderr
    code, _, stderr = run(str(locked), "--out", str(out))
    assert code == 4 and "encrypted PDF: a password is needed to read it" in stderr
    assert (out / "locked" / "tiltak.parquet").read_bytes() == before, "the outputs stay as they were"


def test_the_password_check_on_a_hit_is_the_readers(locked, tmp_path):
    cache = StageCache(tmp_path / "cache")
    process_pdf(locked, None, cache, password=PASSWORD)
    with pytest.raises(errors.WrongPasswordError):
        cached_stages(locked, None, cache, password="feil")
    with pytest.raises(errors.EncryptedPDFError, match="a password is needed"):
        cached_stages(locked, None, cache)
    assert cached_stages(locked, None, cache, password=PASSWORD)[1] is not None


def test_an_owner_password_only_pdf_is_a_hit_without_a_password(tmp_path):
    mini = mini_report()
    mini.encrypt = StandardEncryption("", ownerPassword="eier", strength=40)
    pdf = mini.write(tmp_path / "owner-only.pdf")
    cache = StageCache(tmp_path / "cache")
    stages, _ = process_pdf(pdf, None, cache)
    assert cached_stages(pdf, None, cache)[1] == stages
    assert cached_stages(pdf, None, cache, password="for another pdf")[1] == stages


def test_a_cached_pdf_over_the_page_limit_is_refused_as_reading_it_would_be(mini_pdf, tmp_path):
    """--max-pages travels with the job (no global): a hit is refused over the limit, exit 10."""
    out = tmp_path / "out"
    assert run(str(mini_pdf), "--out", str(out))[0] == 0
    code, _, err = run(str(mini_pdf), "--out", str(out), "--max-pages", "2")
    assert code == 10 and "more than the limit of 2" in err
    code, stdout, _ = run(str(mini_pdf), "--out", str(out), "--max-pages", "3")
    assert code == 0 and "from cache" in stdout
