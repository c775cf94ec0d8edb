"""``python -m framing.cli``: the command line (as ``python -m framing``)."""

import sys

from . import main

sys.exit(main())
