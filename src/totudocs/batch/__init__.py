"""Batch rendering: stream records, render in worker processes, write atomically, lose nothing."""

from totudocs.batch.reader import Record, count_records, iter_records
from totudocs.batch.run import (
    BatchInterrupted,
    BatchLocked,
    BatchOptions,
    BatchSummary,
    run_batch,
)

__all__ = [
    "BatchInterrupted",
    "BatchLocked",
    "BatchOptions",
    "BatchSummary",
    "Record",
    "count_records",
    "iter_records",
    "run_batch",
]
