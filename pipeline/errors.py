"""Why a PDF could not be processed, as exception classes with exit codes.

Each class is one documented reason a run can fail for one PDF (the table in the
README, «Exit codes and errors»). The command line turns it into a single line on
stderr naming the file, and into the exit code below; the other PDFs of the run
go on.
"""

from __future__ import annotations


class PipelineError(Exception):
    """Base class: a PDF (or the run's set-up) could not be processed."""

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


class ProfileError(PipelineError):
    exit_code = 2
    reason = "bad report profile"


class NotAPDFError(PipelineError):
    exit_code = 3
    reason = "not a PDF"
    remedy = "check that the file is the report itself and not a web page or a partial download"


class DamagedPDFError(PipelineError):
    exit_code = 3
    reason = "damaged PDF"
    remedy = "download the file again, or repair it, e.g. with qpdf"


class EncryptedPDFError(PipelineError):
    exit_code = 4
    reason = "encrypted PDF"
    remedy = "remove the password, e.g. with qpdf --decrypt"


class NoTextLayerError(PipelineError):
    exit_code = 5
    reason = "no text layer"
    remedy = "run OCR first, e.g. with ocrmypdf"


class NoTiltakFoundError(PipelineError):
    exit_code = 6
    reason = "no tiltak found"
    remedy = "is this a report of the profile's family? try --profile"


class InputNotFoundError(PipelineError):
    exit_code = 2
    reason = "no such file"


class UsageError(PipelineError):
    exit_code = 2
    reason = "option not supported"


class StageInputError(PipelineError):
    exit_code = 2
    reason = "missing stage input"
    remedy = "run the earlier stages first, or use 'run'"


class UnknownReportFamilyError(PipelineError):
    exit_code = 6
    reason = "unknown report family"
    remedy = "add a profile under pipeline/profiles/ or choose one with --profile"


class TimeLimitError(PipelineError):
    exit_code = 8
    reason = "time limit exceeded"
    remedy = "raise --timeout if the PDF is just large"


class MemoryLimitError(PipelineError):
    exit_code = 9
    reason = "memory limit exceeded"
    remedy = "raise --max-memory if the PDF is just large"


class WorkerCrashedError(PipelineError):
    exit_code = 7
    reason = "the worker processing it crashed"
    remedy = "run again with --debug --in-process to see why"


class TooManyPagesError(PipelineError):
    exit_code = 10
    reason = "too many pages"
    remedy = "raise --max-pages if the report really is that long"


def unexpected(exc: BaseException) -> PipelineError:
    """A failure that no error class foresaw, as one line (exit code 7)."""
    detail = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
    return PipelineError(f"unexpected failure ({detail})")
