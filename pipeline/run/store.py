"""Writing outputs so that a failed or killed run never loses the last good one.

A report's folder is written whole into a hidden temporary sibling and then
swapped in by renames; single stage files are written to a temporary file and
renamed over the old one.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import tempfile
from pathlib import Path
from typing import Any

import orjson

STAGES_DIR = "stages"

# mkstemp/mkdtemp create private (0600/0700) entries; outputs get the usual modes instead
_UMASK = os.umask(0)
os.umask(_UMASK)
FILE_MODE = 0o666 & ~_UMASK
DIR_MODE = 0o777 & ~_UMASK


def write_file_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True  # this process: another thread's write, or this write's own
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a killed process whose parent died too may stay a zombie: it writes nothing any more
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rpartition(")")[2].split()[:1] not in (["Z"], ["X"])


def leftovers(target: Path) -> list[tuple[str, Path]]:
    """("tmp" | "old", folder) of writes of ``target`` by processes that no longer run.

    Names are ``.<id>.tmp-<pid>-<random>`` and ``.<id>.old-<pid>-<random>``; a folder
    of a process that still runs is not a leftover: it may be writing it.
    """
    pattern = re.compile(rf"\.{re.escape(target.name)}\.(tmp|old)-(?:(\d+)-)?[A-Za-z0-9_]+")
    found = []
    for entry in target.parent.iterdir():
        match = pattern.fullmatch(entry.name)
        if match and not (match.group(2) and _pid_alive(int(match.group(2)))):
            found.append((match.group(1), entry))
    return sorted(found, key=lambda kind_path: kind_path[0] != "old")


def recover(target: Path) -> None:
    """Finish or undo a swap that a killed run left half done, and drop its temporary folders."""
    if not target.parent.is_dir():
        return
    for kind, folder in leftovers(target):
        if kind == "old" and not target.exists():
            folder.rename(target)  # killed between its two renames: the old folder goes back
        else:
            shutil.rmtree(folder, ignore_errors=True)


def write_file(path: Path, data: bytes) -> None:
    """Write one file of a report's temporary folder (a seam for the interruption tests)."""
    path.write_bytes(data)


def write_dir_atomically(target: Path, files: dict[str, bytes]) -> None:
    """Replace the folder ``target`` by one holding exactly ``files``.

    The files are written into ``.<id>.tmp-<pid>-…`` beside it; then the old folder
    is renamed to ``.<id>.old-<pid>-…``, the new one to ``target``, and the old one
    removed. A process killed at any point leaves either the old or the new folder
    in place (or the old one under its ``.old`` name, which :func:`recover` — run by
    the next write of the same report, or by the parent of a killed worker — puts back).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    recover(target)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-{os.getpid()}-", dir=target.parent))
    tmp.chmod(DIR_MODE)
    old = target.parent / f".{target.name}.old-{os.getpid()}-{secrets.token_hex(4)}"
    try:
        for name, data in files.items():
            path = tmp / name
            path.parent.mkdir(parents=True, exist_ok=True)
            write_file(path, data)
        moved = False
        if target.exists():
            target.rename(old)
            moved = True
        tmp.rename(target)
        if moved:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        if old.exists() and not target.exists():
            old.rename(target)
        raise


def stage_json(stage: str, profile: str, version: str, result: Any) -> bytes:
    """A stage file: a stage's result (dataclasses as objects, tuples as arrays) and what made it.

    orjson writes the bytes ``json.dumps(to_jsonable(result), ensure_ascii=False,
    separators=(",", ":"))`` would (tested on every fixture) in a tenth of the time: the
    stage files were a tenth of a run.
    """
    doc = {"stage": stage, "profile": profile, "pipeline_version": version, "data": result}
    return orjson.dumps(doc, option=orjson.OPT_APPEND_NEWLINE)


def read_stage(report_dir: Path, stage: str) -> dict[str, Any]:
    from pipeline.errors import StageInputError

    path = report_dir / STAGES_DIR / f"{stage}.json"
    if not path.is_file():
        raise StageInputError(f"{path} does not exist")
    return json.loads(path.read_text(encoding="utf-8"))
