"""Action-plan reports (PDF) → validated tiltak datasets.

The stages are declared once, in order, in :data:`pipeline.stages.STAGES`;
:mod:`pipeline.dataset.export` turns their results into files, and
:func:`pipeline.run.runner.process_pdf` runs them all on one PDF.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import sys
import warnings

__version__ = "0.1.0"

# Where the modules of the flat 0.1 layout live now. Scripts and notebooks written
# against the old import paths (``pipeline.runner.process_pdf``,
# ``pipeline.extract.extract``, …) keep working, with a DeprecationWarning.
MOVED = {
    "pipeline.extract": "pipeline.stages.extract",
    "pipeline.overview": "pipeline.stages.overview",
    "pipeline.segment": "pipeline.stages.segment",
    "pipeline.fields": "pipeline.stages.fields",
    "pipeline.enrich": "pipeline.stages.enrich",
    "pipeline.departementer": "pipeline.stages.enrich.departementer",
    "pipeline.plans": "pipeline.stages.enrich.plans",
    "pipeline.references": "pipeline.stages.enrich.references",
    "pipeline.provenance": "pipeline.stages.enrich.provenance",
    "pipeline.validate": "pipeline.stages.validate",
    "pipeline.profile": "pipeline.profiles.loader",
    "pipeline.detect": "pipeline.profiles.detect",
    "pipeline.export": "pipeline.dataset.export",
    "pipeline.datapackage": "pipeline.dataset.datapackage",
    "pipeline.combine": "pipeline.dataset.combine",
    "pipeline.panel": "pipeline.dataset.panel",
    "pipeline.runner": "pipeline.run.runner",
    "pipeline.store": "pipeline.run.store",
    "pipeline.cache": "pipeline.run.cache",
    "pipeline.jobs": "pipeline.run.workers",
    "pipeline.distributed": "pipeline.run.distributed",
}


class _MovedModules(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Imports an old module path as the module that now holds it."""

    def find_spec(self, fullname, path, target=None):  # noqa: ANN001, ANN201 (importlib's signature)
        return importlib.util.spec_from_loader(fullname, self) if fullname in MOVED else None

    def create_module(self, spec):  # noqa: ANN001, ANN201
        warnings.warn(f"{spec.name} is now {MOVED[spec.name]}", DeprecationWarning, stacklevel=2)
        return importlib.import_module(MOVED[spec.name])

    def exec_module(self, module):  # noqa: ANN001, ANN201
        pass


if not any(isinstance(f, _MovedModules) for f in sys.meta_path):
    sys.meta_path.append(_MovedModules())
