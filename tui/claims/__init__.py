"""The claims model: schema, loading and validation, the pandas table, queries.

This package knows nothing of Textual; the dashboard only asks it.
"""

from .load import Dataset, claim_files, load_dataset
from .problems import DataError, Problem

__all__ = ["DataError", "Dataset", "Problem", "claim_files", "load_dataset"]
