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

import gc  # noqa: E402
import os  # noqa: E402
import threading  # noqa: E402

# What the imports make lives as long as the process: no collection looks at it while they run
# (they went on a fifteenth of the start-up, to free a few hundred of its sixty thousand objects,
# now kept), and the collector need not look at it again after (a collection of everything comes
# a few times a run), nor make the workers' copies of it their own.
gc.disable()
from pipeline.cli import main  # noqa: E402

gc.freeze()
gc.enable()
# A run makes a few hundred thousand small objects that live until it ends, and few cycles:
# a young collection every ten thousand of them, not every seven hundred.
gc.set_threshold(10_000, 10, 10)

# `python -m pipeline run | head` should stop quietly, not report a broken pipe
signal.signal(signal.SIGPIPE, signal.SIG_DFL)
code = main()
if threading.active_count() == 1:
    # Every output is written, closed and renamed into place by now, and the workers are
    # joined: leave without the interpreter's teardown (freeing every object of the run,
    # a twentieth of a second). With threads still about (a Dask client's), exit as usual.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
sys.exit(code)
