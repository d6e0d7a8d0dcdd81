"""Profile choice: which profile reads a report, and how well.

Every profile is tried on the read PDF up to the fields and measured (:mod:`.fit`); the
best fit wins (:mod:`.detect`), and a profile is inferred from the report when none fits
well (:mod:`.infer`, from the base vocabulary in ``pipeline/profiles/base/generic.toml``).
:mod:`.choose` is what a run asks: the reading to use, and what to say of it. The
profiles themselves, and their loader, live below the stages in :mod:`pipeline.profiles`.
"""
