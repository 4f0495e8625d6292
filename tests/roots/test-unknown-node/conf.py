"""A root whose content uses a node that rst2pdf cannot render, to prove that the PDF
build fails instead of silently dropping it."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

extensions = ["myst_parser", "ppiebook", "fancybox"]
