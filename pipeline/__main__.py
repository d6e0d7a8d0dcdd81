import importlib.abc
import signal
import sys


class _WithoutNumpy(importlib.abc.MetaPathFinder):
    """pyarrow imports numpy when it is imported, and pandas (a third of a second, more than a run's
    every stage) the first time it builds an array from a list, only to ask whether the list is a
    pandas object. Nothing that ``python -m pipeline`` runs needs either, so here pyarrow finds them
    missing, as it allows. (``--executor dask`` keeps them: Dask's workers may use them.)"""

    def find_spec(self, fullname, path, target=None):  # noqa: ANN001, ANN201 (importlib's signature)
        if fullname.partition(".")[0] in ("numpy", "pandas"):
            raise ModuleNotFoundError(f"{fullname} is not needed by the command line", name=fullname)
        return None


if not {"numpy", "pandas"} & sys.modules.keys() and "dask" not in sys.argv:
    sys.meta_path.insert(0, _WithoutNumpy())

from pipeline.cli import main  # noqa: E402

# `python -m pipeline run | head` should stop quietly, not report a broken pipe
signal.signal(signal.SIGPIPE, signal.SIG_DFL)
sys.exit(main())
