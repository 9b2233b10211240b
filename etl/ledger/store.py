"""The runtime store under GOVDASH_HOME: ledger engine, archive and snapshot folders, catalog and
reference data, opened once per process or command."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import polars as pl
from sqlalchemy.engine import Engine
from sqlmodel import Session

from etl.ledger import make_engine
from metrics.catalog import Catalog, load_catalog
from metrics.reference import load_agencies, reference_digest
from metrics.settings import Settings, get_settings


@dataclass
class Store:
    settings: Settings
    engine: Engine = field(repr=False)

    @cached_property
    def catalog(self) -> Catalog:
        return load_catalog(self.settings.catalog_dir, self.settings.reference_dir)

    @cached_property
    def agencies(self) -> pl.DataFrame:
        return load_agencies(self.settings.reference_dir)

    @cached_property
    def holidays(self) -> pl.DataFrame:
        """The holidays file with the administrator's changes applied (etl/governance/calendar.py): every build, the
        demo and the reference digest read the calendar here."""
        from etl.ledger.holidays import effective_holidays  # it reads the ledger, which imports this module

        return effective_holidays(self)

    @cached_property
    def reference_digest(self) -> str:
        return reference_digest(self.agencies, self.holidays)

    @cached_property
    def agency_codes(self) -> set[str]:
        return set(self.agencies["agency_code"].to_list())

    def session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)


def open_store(settings: Settings | None = None) -> Store:
    settings = settings or get_settings()
    settings.ensure_dirs()
    return Store(settings=settings, engine=make_engine(settings.database_url))
