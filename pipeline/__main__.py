import signal
import sys

from pipeline.cli import main

# `python -m pipeline run | head` should stop quietly, not report a broken pipe
signal.signal(signal.SIGPIPE, signal.SIG_DFL)
sys.exit(main())
