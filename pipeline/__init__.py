"""Action-plan reports (PDF) → validated tiltak datasets.

The stages are declared once, in order, in :data:`pipeline.stages.registry.STAGES`;
:mod:`pipeline.dataset.export` turns their results into files, and
:func:`pipeline.run.runner.process_pdf` runs them all on one PDF.

``__version__`` is the release (CHANGELOG.md); two builds of one release are told apart by
the digest of their files, which ``python -m pipeline --version`` prints and the stage
cache keys on (:func:`pipeline.run.cache.code_digest`).
"""

from __future__ import annotations

__version__ = "0.2.0"
