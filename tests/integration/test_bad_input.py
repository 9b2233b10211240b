"""Bad input through the real command line: a ruined catalog, an unknown or foreign agency code, a wrongly
encoded file. Each gives a clear message naming what is wrong and where, and changes no published figure."""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from etl.builder.publish import build
from etl.ledger.store import open_store
from metrics.settings import PROJECT_ROOT, Settings
from metrics.snapshot import connect_readonly
from tests.fixture_store import fixture_env

GOVDASH = Path(sys.executable).with_name("govdash")
CATALOG = PROJECT_ROOT / "data" / "catalog"


def run_govdash(home: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **fixture_env(home), **env, "COLUMNS": "200"}
    return subprocess.run(
        [str(GOVDASH), *args], env=full_env, capture_output=True, text=True, timeout=300, cwd=PROJECT_ROOT
    )


def one_line(done: subprocess.CompletedProcess[str]) -> str:
    """Everything the command printed, whitespace folded (a terminal may wrap long lines)."""
    return re.sub(r"\s+", " ", done.stdout + done.stderr)


def files_under(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file below `folder` with its size and modification time: any write shows."""
    return {
        str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()
    }


def ledger(settings: Settings, sql: str, *params: object) -> list[tuple]:
    with sqlite3.connect(settings.database_url.removeprefix("sqlite:///")) as db:
        return db.execute(sql, params).fetchall()


def ledger_counts(settings: Settings) -> dict[str, int]:
    return dict(ledger(settings, "select status, count(*) from submissions group by status"))


def build_here(settings: Settings) -> Path:
    """Build and publish in this process (quicker than the command, which other tests cover)."""
    store = open_store(settings)
    try:
        return build(store).path
    finally:
        store.engine.dispose()


def mart_rows(path: Path) -> dict[str, list[tuple]]:
    con = connect_readonly(path)
    try:
        names = [n for (n,) in con.sql("select table_name from information_schema.tables").fetchall()]
        return {
            n: sorted(con.sql(f"select * from {n}").fetchall(), key=repr)  # noqa: S608 (names from the file)
            for n in sorted(names)
            if n.startswith("mart_")
        }
    finally:
        con.close()


# ------------------------------------------------------------------------------------ ruined catalog


def _edit_kpis(folder: Path, change) -> None:  # type: ignore[no-untyped-def]
    path = folder / "kpis.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change({k["code"]: k for k in data["kpis"]})
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _sideways(folder: Path) -> None:
    _edit_kpis(folder, lambda kpis: kpis["S1-T1-K1"].update(direction="sideways"))


def _no_targets(folder: Path) -> None:
    _edit_kpis(folder, lambda kpis: kpis["S1-T1-K2"].pop("targets"))


def _no_target_year(folder: Path) -> None:
    _edit_kpis(folder, lambda kpis: kpis["S2-T1-K1"].update(targets={2025: 1.0}))


def _bad_weight(folder: Path) -> None:
    path = folder / "strategies.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["strategies"][1]["tasks"][0]["weight"] = -1
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _unknown_owner(folder: Path) -> None:
    path = folder / "strategies.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["strategies"][2]["tasks"][1]["owner"] = "9999999"  # the right shape, but no agency of the file
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _bad_yaml(folder: Path) -> None:
    with open(folder / "settings.yaml", "a", encoding="utf-8") as f:
        f.write("rollup_cap: [120\n")


RUINS = {
    # name: (how to ruin a copy of the catalog, what the message must name: file, entry, field)
    "direction sideways": (_sideways, ["kpis.yaml", "S1-T1-K1", "direction", "sideways"]),
    "targets missing": (_no_targets, ["kpis.yaml", "S1-T1-K2", "targets"]),
    "no target for the target year": (_no_target_year, ["kpis.yaml", "S2-T1-K1", "targets", "2026"]),
    "negative task weight": (_bad_weight, ["strategies.yaml", "S2", "weight"]),
    "owner not an agency": (_unknown_owner, ["strategies.yaml", "S3-T2", "owner", "9999999", "agencies.csv"]),
    "not YAML": (_bad_yaml, ["settings.yaml", "YAML", "line"]),
}


@pytest.mark.parametrize("ruin", list(RUINS))
def test_a_ruined_catalog_stops_the_build_naming_file_entry_and_field(
    ruin: str, store_copy: Settings, tmp_path: Path
) -> None:
    change, must_name = RUINS[ruin]
    catalog = tmp_path / "catalog"
    shutil.copytree(CATALOG, catalog)
    change(catalog)
    snapshots_before = files_under(store_copy.snapshot_dir)
    pointer_before = (store_copy.snapshot_dir / "CURRENT").read_text(encoding="utf-8")

    done = run_govdash(store_copy.home, "build", GOVDASH_CATALOG_DIR=str(catalog))

    said = one_line(done)
    assert done.returncode != 0, said
    assert "Traceback" not in said
    assert "카탈로그" in said and "catalog" in said  # Korean first, English too
    for word in must_name:
        assert word in said, f"{word!r} missing from: {said}"
    assert (store_copy.snapshot_dir / "CURRENT").read_text(encoding="utf-8") == pointer_before
    assert files_under(store_copy.snapshot_dir) == snapshots_before  # no new, changed or left-over file


def test_the_catalog_command_names_the_same_fault(tmp_path: Path, store_copy: Settings) -> None:
    catalog = tmp_path / "catalog"
    shutil.copytree(CATALOG, catalog)
    _sideways(catalog)
    done = run_govdash(store_copy.home, "catalog", GOVDASH_CATALOG_DIR=str(catalog))
    said = one_line(done)
    assert done.returncode != 0
    assert all(w in said for w in ("kpis.yaml", "S1-T1-K1", "direction", "'up' or 'down'")), said


# ------------------------------------------------------------------------------------- agency codes


def _original(settings: Settings, dataset: str, agency: str, period: str) -> tuple[int, bytes]:
    (sid, path), *_ = ledger(
        settings,
        "select id, archive_path from submissions where dataset = ? and agency_code = ? and period = ? "
        "and status = 'accepted'",
        dataset,
        agency,
        period,
    )
    return sid, (settings.archive_dir / path).read_bytes()


def test_an_unknown_agency_is_refused_before_anything_is_recorded(store_copy: Settings, tmp_path: Path) -> None:
    _, content = _original(store_copy, "complaints", "1741000", "2026-10")
    upload = tmp_path / "complaints.csv"
    upload.write_bytes(content)
    ledger_before = ledger(store_copy, "select * from submissions order by id")
    archive_before = files_under(store_copy.archive_dir)
    snapshots_before = files_under(store_copy.snapshot_dir)

    done = run_govdash(
        store_copy.home, "ingest", str(upload), "--dataset", "complaints", "--agency", "9999999", "--month", "2026-10"
    )

    said = one_line(done)
    assert done.returncode != 0, said
    assert "Traceback" not in said
    assert "기관코드 '9999999'" in said and "agency code '9999999' is not in the agency list" in said
    assert ledger(store_copy, "select * from submissions order by id") == ledger_before
    assert files_under(store_copy.archive_dir) == archive_before
    assert files_under(store_copy.snapshot_dir) == snapshots_before


def _replace_agency(content: bytes, rows: dict[int, str]) -> bytes:
    """The file with 기관코드 of some spreadsheet rows (header = row 1) replaced; same encoding (CP949)."""
    lines = content.decode("cp949").split("\n")
    header = lines[0].split(",")
    col = header.index("기관코드")
    for row, code in rows.items():
        cells = lines[row - 1].split(",")
        cells[col] = code
        lines[row - 1] = ",".join(cells)
    return "\n".join(lines).encode("cp949")


def test_rows_of_another_or_an_unknown_agency_reject_the_file_naming_row_and_column(
    store_copy: Settings, tmp_path: Path
) -> None:
    active_id, content = _original(store_copy, "complaints", "1741000", "2026-10")
    upload = tmp_path / "민원_행정안전부_2026-10.csv"
    upload.write_bytes(_replace_agency(content, {4: "1721000", 6: "9999999"}))
    counts_before = ledger_counts(store_copy)
    snapshots_before = files_under(store_copy.snapshot_dir)

    done = run_govdash(
        store_copy.home, "ingest", str(upload), "--dataset", "complaints", "--agency", "1741000", "--month", "2026-10"
    )

    said = one_line(done)
    assert done.returncode == 1, said
    assert "rejected" in said
    lines = (done.stdout + done.stderr).splitlines()
    row4 = [ln for ln in lines if "행 4 (row 4)\t" in ln]
    row6 = [ln for ln in lines if "행 6 (row 6)\t" in ln]
    assert len(row4) == 1 and "기관코드" in row4[0] and "1721000" in row4[0] and "제출 기관 1741000" in row4[0]
    assert len(row6) == 1 and "기관코드" in row6[0] and "9999999" in row6[0] and "등록된 기관코드가 아닙니다" in row6[0]

    # Recorded as a rejected attempt; the accepted file of the slot is still the one that counts.
    assert ledger_counts(store_copy) == {**counts_before, "rejected": counts_before.get("rejected", 0) + 1}
    (status, errors, report), *_ = ledger(
        store_copy, "select status, error_count, report_path from submissions order by id desc limit 1"
    )
    assert (status, errors) == ("rejected", 2)
    assert ledger(
        store_copy,
        "select id from submissions where dataset='complaints' and agency_code='1741000' and period='2026-10' "
        "and status='accepted'",
    ) == [(active_id,)]
    problems = json.loads((store_copy.archive_dir / report).read_text(encoding="utf-8"))
    assert sorted((p["row"], p["column"], p["value"], p["rule"]) for p in problems) == [
        (4, "기관코드", "1721000", "agency_mismatch"),
        (6, "기관코드", "9999999", "unknown_agency"),
    ]
    assert all(p["message_en"] for p in problems)
    assert files_under(store_copy.snapshot_dir) == snapshots_before


# --------------------------------------------------------------------------------------- encodings


def _wrong_encodings(text: str) -> dict[str, tuple[bytes, str]]:
    """(bytes, what the message must say was detected) for files that are not UTF-8 or CP949 text."""
    japanese = "受付番号,機関コード,種類\n" + "1741000-1,1741000,苦情処理\n" * 5
    return {
        "utf16.csv": (text.encode("utf-16"), "UTF-16 인코딩"),
        "utf16-no-bom.csv": (text.encode("utf-16-le"), "BOM 없는 UTF-16"),
        "shift-jis.csv": (japanese.encode("shift_jis"), "UTF-8도 CP949도 아닌"),
        "random.csv": (random.Random(20261128).randbytes(4096), "이진(binary)"),
    }


def test_wrongly_encoded_files_are_refused_naming_what_was_found_and_change_no_figure(
    store_copy: Settings, tmp_path: Path
) -> None:
    _, content = _original(store_copy, "complaints", "1741000", "2026-10")
    figures_before = mart_rows(build_here(store_copy))  # made by the code under test, not an earlier run
    counts_before = ledger_counts(store_copy)

    for name, (data, detected) in _wrong_encodings(content.decode("cp949")).items():
        upload = tmp_path / name
        upload.write_bytes(data)
        done = run_govdash(
            store_copy.home, "ingest", str(upload), "--dataset", "complaints", "--agency", "1741000",
            "--month", "2026-10",
        )  # fmt: skip
        said = one_line(done)
        assert done.returncode == 1, f"{name}: {said}"
        assert "Traceback" not in said
        assert "읽을 수 없는 파일입니다" in said and detected in said, f"{name}: {said}"
        assert "rejected: submission" in said and ", 0 rows" in said

    assert ledger_counts(store_copy) == {**counts_before, "rejected": counts_before.get("rejected", 0) + 4}
    figures_after = mart_rows(build_here(store_copy))

    # Every figure is the same; only the submission-status mart counts the four refused attempts.
    status = "mart_submission_status"
    assert {k: v for k, v in figures_after.items() if k != status} == {
        k: v for k, v in figures_before.items() if k != status
    }
    slot = ("1741000", "complaints")
    before = {r[:3]: r for r in figures_before[status]}
    after = {r[:3]: r for r in figures_after[status]}
    assert before.keys() == after.keys()
    changed = {k for k in before if before[k] != after[k]}
    assert len(changed) == 1
    key = changed.pop()
    assert key[:2] == slot and str(key[2]) == "2026-10-01"
    rejected_col = 8  # rejected_count in mart_submission_status
    assert after[key][rejected_col] == before[key][rejected_col] + 4
    assert after[key][:rejected_col] == before[key][:rejected_col]
