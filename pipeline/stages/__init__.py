"""The stages, one module each: extract, segment (with the headings), overview, fields,
enrich, validate; their order is declared once, in :mod:`pipeline.stages.registry`.

This package imports nothing itself, so that importing one stage (``pipeline.stages.guards``,
``pipeline.stages.fields``) does not load every other.
"""
