"""Action-plan reports (PDF) → validated tiltak datasets.

The stages, in order, each a module with a pure core:
``extract → overview → segment → fields → validate → export``.
:func:`pipeline.run.runner.process_pdf` runs them all on one PDF.
"""

__version__ = "0.1.0"
