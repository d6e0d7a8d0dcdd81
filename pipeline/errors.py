"""Why a PDF could not be processed, as exception classes with exit codes.

Each class is one documented reason a run can fail for one PDF (the table in the
docs/exit-codes.md). The command line turns it into a single line on
stderr naming the file, and into the exit code below; the other PDFs of the run
go on.
"""

from __future__ import annotations


class PipelineError(Exception):
    """Why a PDF could not be processed: the root of every error class below, never raised itself
    (a failure no class foresaw is an :class:`UnexpectedError`)."""

    exit_code = 7
    reason = "could not be processed"
    remedy = ""

    def __init__(self, detail: str = "") -> None:
        super().__init__(detail)
        self.detail = detail

    def one_line(self) -> str:
        parts = [self.reason]
        if self.detail:
            parts.append(self.detail)
        text = ": ".join(parts)
        if self.remedy:
            text += f" ({self.remedy})"
        return "".join(c if c.isprintable() else "?" for c in " ".join(text.split()))


class UnexpectedError(PipelineError):
    """An unexpected failure: a bug, or an input the parser cannot cope with (``--debug --in-process`` shows the traceback)."""

    exit_code = 7
    reason = "could not be processed"


class ProfileError(PipelineError):
    """A report profile that cannot be loaded or is malformed."""

    exit_code = 2
    reason = "bad report profile"


class NotAPDFError(PipelineError):
    """The file is not a PDF (empty, a web page, a partial download)."""

    exit_code = 3
    reason = "not a PDF"
    remedy = "check that the file is the report itself and not a web page or a partial download"


class DamagedPDFError(PipelineError):
    """A PDF that cannot be read: cut off, corrupt streams, a page tree with cycles, reference loops, a decompression bomb."""

    exit_code = 3
    reason = "damaged PDF"
    remedy = "download the file again, or repair it, e.g. with qpdf"


class EncryptedPDFError(PipelineError):
    """An encrypted PDF that needs a password (owner-password-only PDFs just work), or whose encryption cannot be read."""

    exit_code = 4
    reason = "encrypted PDF"
    remedy = "give its password with --password or PIPELINE_PDF_PASSWORD, or remove it, e.g. with qpdf --decrypt"


class WrongPasswordError(PipelineError):
    """An encrypted PDF that the password given (`--password`, `PIPELINE_PDF_PASSWORD`) does not open."""

    exit_code = 4
    reason = "wrong password"
    remedy = "check the password given with --password or PIPELINE_PDF_PASSWORD"


class EmptyPDFError(PipelineError):
    """A PDF without a single page (a valid file, but an empty export)."""

    exit_code = 3
    reason = "empty PDF"
    remedy = "check that the file is the report itself and not an empty export"


class NoTextLayerError(PipelineError):
    """No page has extractable text (a scan)."""

    exit_code = 5
    reason = "no text layer"
    remedy = "run OCR first, e.g. with ocrmypdf"


class NoTiltakFoundError(PipelineError):
    """No heading matched the profile's tiltak pattern."""

    exit_code = 6
    reason = "no tiltak found"
    remedy = "is this a report of the profile's family? try --profile"


class InputNotFoundError(PipelineError):
    """A PDF named on the command line does not exist."""

    exit_code = 2
    reason = "no such file"


class UsageError(PipelineError):
    """An option the chosen executor cannot honour (e.g. `--timeout` with `--in-process`)."""

    exit_code = 2
    reason = "option not supported"


class StageInputError(PipelineError):
    """A single stage run before the stage whose file it reads."""

    exit_code = 2
    reason = "missing stage input"
    remedy = "run the earlier stages first, or use 'run'"


class UnknownReportFamilyError(PipelineError):
    """A report of no known family (no profile's markers match)."""

    exit_code = 6
    reason = "unknown report family"
    remedy = "add a profile under pipeline/profiles/ or choose one with --profile"


class TimeLimitError(PipelineError):
    """The PDF took longer than `--timeout` (default 120 s)."""

    exit_code = 8
    reason = "time limit exceeded"
    remedy = "raise --timeout if the PDF is just large"


class MemoryLimitError(PipelineError):
    """The worker needed more than `--max-memory` (default 3072 MB)."""

    exit_code = 9
    reason = "memory limit exceeded"
    remedy = "raise --max-memory if the PDF is just large"


class WorkerCrashedError(PipelineError):
    """The worker process died (a signal, or over the memory limit)."""

    exit_code = 7
    reason = "the worker processing it crashed"
    remedy = "run again with --debug --in-process to see why"


class TooManyPagesError(PipelineError):
    """More pages than `--max-pages` (default 2000; 0: no limit)."""

    exit_code = 10
    reason = "too many pages"
    remedy = "raise --max-pages if the report really is that long"


class SchedulerUnreachableError(PipelineError):
    """The Dask scheduler given with `--scheduler` did not answer in time (or its address is not one); no PDF was processed."""

    exit_code = 11
    reason = "Dask scheduler unreachable"
    remedy = "check the address given with --scheduler and that the scheduler is running and reachable from here"


class BinaryWordError(PipelineError):
    """A Word document in the old binary format (`.doc`), or a `.docx` saved with a password (both are OLE compound files, not zips)."""

    exit_code = 3
    reason = "binary or encrypted Word document"
    remedy = "open it in Word or LibreOffice and save it as .docx without a password, or export it as PDF"


class MacroEnabledWordError(PipelineError):
    """A macro-enabled Word document (`.docm`): refused unread, so that nothing in it is ever run or trusted."""

    exit_code = 3
    reason = "macro-enabled Word document"
    remedy = "save it as .docx (File › Save As › Word Document), which drops the macros, or export it as PDF"


class NotAWordDocumentError(PipelineError):
    """A `.docx` that is not a Word document: not a zip, a zip of something else (a spreadsheet, a presentation, an archive), or one whose parts cannot be read."""

    exit_code = 3
    reason = "not a Word document"
    remedy = "check that the file is the report's .docx and not another kind of file or a partial download"


class WordBombError(PipelineError):
    """A `.docx` whose parts would inflate beyond the limits (a zip bomb): refused before any part is read."""

    exit_code = 3
    reason = "Word document too large when unpacked"
    remedy = "check where the file came from; a real report unpacks to a few megabytes"


class NotAnHTMLPageError(PipelineError):
    """An `.html` or `.htm` file that is no HTML page (empty, binary, a PDF or a zip renamed, text
    without markup), or one nested beyond what the parser reads."""

    exit_code = 3
    reason = "not an HTML page"
    remedy = "check that the file is the report's web page, saved as HTML, and not another kind of file or a partial download"


def unexpected(exc: BaseException) -> UnexpectedError:
    """A failure that no error class foresaw, as one line (exit code 7)."""
    detail = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
    return UnexpectedError(f"unexpected failure ({detail})")


# Exit codes that are not a failure of one PDF.
RUN_OUTCOMES = (
    (0, "every PDF was processed (findings or not)"),
    (0, "`compare`: the two editions agree (the same tables and findings)"),
    (1, "`--strict` and a report has error-severity findings"),
    (1, "`compare`: the two editions differ (`comparison.md` says where)"),
)


def error_classes() -> list[type[PipelineError]]:
    """Every documented error class (the root, never raised, is none of them)."""
    out: list[type[PipelineError]] = []
    todo: list[type[PipelineError]] = list(PipelineError.__subclasses__())
    while todo:
        cls = todo.pop(0)
        out.append(cls)
        todo.extend(cls.__subclasses__())
    return out


def exit_code_table_markdown() -> str:
    """The one table of exit codes (docs/exit-codes.md), generated from the classes above."""
    rows = ["| Code | Error | Meaning | Remedy |", "|---|---|---|---|"]
    rows += [f"| {code} | | {meaning} | |" for code, meaning in RUN_OUTCOMES]
    for cls in sorted(error_classes(), key=lambda c: (c.exit_code, c.reason)):
        meaning = " ".join((cls.__doc__ or "").split()).rstrip(".")
        rows.append(f"| {cls.exit_code} | `{cls.reason}` | {meaning} | {cls.remedy} |")
    return "\n".join(rows) + "\n\nWhen several PDFs fail for different reasons, the highest code is returned.\n"
