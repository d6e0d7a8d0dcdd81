"""Writing outputs so that a failed or killed run never loses the last good one.

A report's folder is written whole into a hidden temporary sibling and then
swapped in by renames; single stage files are written to a temporary file and
renamed over the old one.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

STAGES_DIR = "stages"


def write_file_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def recover(target: Path) -> None:
    """Finish or undo a swap that a killed run left half done."""
    parent = target.parent
    if not parent.is_dir():
        return
    for old in parent.glob(f".{target.name}.old-*"):
        if target.exists():
            shutil.rmtree(old, ignore_errors=True)
        else:
            old.rename(target)
    for tmp in parent.glob(f".{target.name}.tmp-*"):
        shutil.rmtree(tmp, ignore_errors=True)


def write_dir_atomically(target: Path, files: dict[str, bytes]) -> None:
    """Replace the folder ``target`` by one holding exactly ``files``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    recover(target)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
    try:
        for name, data in files.items():
            path = tmp / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        old = None
        if target.exists():
            old = target.parent / f".{target.name}.old-{os.getpid()}"
            target.rename(old)
        tmp.rename(target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        recover(target)
        raise


def stage_json(stage: str, profile: str, version: str, data: Any) -> bytes:
    doc = {"stage": stage, "profile": profile, "pipeline_version": version, "data": data}
    return (json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def read_stage(report_dir: Path, stage: str) -> dict[str, Any]:
    from .errors import StageInputError

    path = report_dir / STAGES_DIR / f"{stage}.json"
    if not path.is_file():
        raise StageInputError(f"{path} does not exist")
    return json.loads(path.read_text(encoding="utf-8"))
