"""Pane 5: every claim in one table, sortable by any column."""

from __future__ import annotations

from ..widgets import columns
from .base import ClaimsPane


class ClaimsListPane(ClaimsPane):
    title = "Claims"
    key = "5"
    columns = columns.ALL_CLAIMS
