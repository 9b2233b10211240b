"""What the cabinet report reads, through the same query API as the pages (metrics/queries.py): the report_*
queries of sql/queries by method, so that the report builders, the reports page and the CLI name no query
by string and a figure has one way in.

A snapshot built before the ledger's facts (locks, comments, assessments, narratives, disputes) were copied
into it has no such tables: those methods then give an empty frame, and the report shows none, as when it was
first made."""

from __future__ import annotations

from datetime import date
from typing import Any

import duckdb
import polars as pl

from metrics.queries import Queries, Window


class ReportQueries(Queries):
    # --- the snapshot ---------------------------------------------------------------------------------
    def report_periods(self) -> list[date]:
        """Every month the snapshot holds figures for, oldest first."""
        return self._run("report_periods")["period"].to_list()

    def report_meta(self) -> dict[str, Any]:
        """build_id, built_at, the catalog's and the reference data's version and digests, the thresholds."""
        return self._run("report_meta").to_dicts()[0]

    def report_agencies(self) -> pl.DataFrame:
        """Every agency with its Korean and English name."""
        return self._run("report_agencies")

    # --- figures --------------------------------------------------------------------------------------
    def report_scores(self, window: Window | str, agency: str | None, start: date, end: date) -> pl.DataFrame:
        return self._run("report_scores", window=window, agency=agency, **{"from": start, "to": end})

    def report_kpis(self, window: Window | str, agency: str | None, start: date, end: date) -> pl.DataFrame:
        return self._run("report_kpis", window=window, agency=agency, **{"from": start, "to": end})

    def report_kpi_agencies(self, window: Window | str, period: date, agency: str | None) -> pl.DataFrame:
        return self._run("report_kpi_agencies", window=window, period=period, agency=agency)

    def report_notes(self, period: date, agency: str | None) -> pl.DataFrame:
        return self._run("report_notes", period=period, agency=agency)

    def report_submissions(self, period: date, agency: str | None) -> pl.DataFrame:
        return self._run("report_submissions", period=period, agency=agency)

    def report_complaints(self, period: date, window: Window | str, agency: str | None) -> dict | None:
        """The month's complaint figures; None on a snapshot built before mart_complaint_windows (and its
        pending_overdue) existed."""
        try:
            frame = self._run("report_complaints", period=period, window=window, agency=agency)
        except (duckdb.CatalogException, duckdb.BinderException):
            return None
        return frame.to_dicts()[0]

    def report_attention(self, month: date, window: Window | str, agency: str | None) -> pl.DataFrame:
        """The page's 주의·미흡 list (Queries.attention); empty on a snapshot without owners or narratives."""
        try:
            return self.attention(month, window, agency)  # type: ignore[arg-type]
        except (duckdb.CatalogException, duckdb.BinderException):
            return pl.DataFrame()

    # --- the ledger's facts, as copied into the snapshot ------------------------------------------------
    def report_locks(self, period: date) -> pl.DataFrame:
        return self._ledger("report_locks", period=period)

    def report_comments(self, period: date, agency: str | None) -> pl.DataFrame:
        return self._ledger("report_comments", period=period, agency=agency)

    def report_assessments(self, quarter: str) -> pl.DataFrame:
        return self._ledger("report_assessments", quarter=quarter)

    def report_narratives(self, quarter: str) -> pl.DataFrame:
        return self._ledger("report_narratives", quarter=quarter)

    def report_disputes(self, period: date, agency: str | None) -> pl.DataFrame:
        return self._ledger("report_disputes", period=period, agency=agency)

    def _ledger(self, name: str, **params: object) -> pl.DataFrame:
        try:
            return self._run(name, **params)
        except duckdb.CatalogException:
            return pl.DataFrame()
