"""noko-tui: a terminal dashboard of claims about North Korea's military support to Russia."""

__version__ = "0.1.0"
