"""Entry point of ``python -m mapview``."""

import sys

from mapview.cli import main

sys.exit(main())
