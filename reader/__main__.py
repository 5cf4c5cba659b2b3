"""`python -m reader` is the `reader` command."""

import sys

from reader.cli import main

sys.exit(main())
