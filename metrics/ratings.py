"""The ratings a reviewer gives a task's quarter (its assessment), with their Korean and English words.

The ledger service checks a rating against them (etl/governance/comments.py); the reports and the dashboard
show their words. They live here, in the core, so that a report builder needs nothing of the ledger.
"""

from __future__ import annotations

RATINGS: dict[str, tuple[str, str]] = {
    "excellent": ("우수", "excellent"),
    "good": ("양호", "good"),
    "fair": ("보통", "fair"),
    "poor": ("미흡", "poor"),
    "very_poor": ("매우 미흡", "very poor"),
}
