"""``python -m plancompare``: the command line, for environments without the console script.

Example:
    ``python -m plancompare build --data ~/my-plans`` does what ``plancompare build`` does.
"""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
