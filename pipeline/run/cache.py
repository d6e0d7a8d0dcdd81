"""A cache of stage results keyed by the PDF's content, the pipeline version, the profiles and the engine.

A re-run over PDFs that have not changed then only re-exports. Entries are
pickles of :class:`pipeline.run.runner.Stages` under ``<out>/.cache/``; a damaged or
unreadable entry is a miss, never an error. ``--force`` bypasses the cache.
"""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

from pipeline.run.store import write_file_atomically


class StageCache:
    def __init__(self, root: Path, refresh: bool = False) -> None:
        self.root = Path(root)
        self.refresh = refresh  # recompute and overwrite (``--force``)
        self.hits = 0

    @staticmethod
    def key(sha256: str, version: str, profiles: str, engine: str = "pdfplumber") -> str:
        return f"{sha256}-{version}-{profiles}-{engine}"

    def path(self, key: str) -> Path:
        return self.root / f"{key}.pickle"

    def get(self, key: str) -> Any | None:
        if self.refresh:
            return None
        try:
            with self.path(key).open("rb") as fh:
                value = pickle.load(fh)
        except Exception:  # missing, truncated, or from an incompatible version
            return None
        self.hits += 1
        return value

    def put(self, key: str, value: Any) -> None:
        try:
            write_file_atomically(self.path(key), pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            pass  # a cache that cannot be written only costs time
