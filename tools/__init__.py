"""Developer tools of the repository (not installed with the pipeline): the fixture generators
in `tools.fixtures` and the README generator `tools/update_readme.py`."""
