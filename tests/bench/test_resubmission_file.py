"""The benchmark's re-submission: a file of the national size for the largest agency-month, unique complaint
numbers, new bytes for every repetition."""

from pathlib import Path

from bench.data import Slot, reordered


def _original(tmp_path: Path) -> Path:
    path = tmp_path / "original.csv"
    lines = ["민원번호,내용", "C1,a", "C2,b", "C3,c"]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8-sig"))
    return path


def test_a_resubmission_is_tiled_to_the_asked_rows_with_unique_numbers(tmp_path: Path) -> None:
    slot = Slot("1741000", "2026-03", 3, _original(tmp_path))
    lines = reordered(slot, 0, rows=7).decode("utf-8-sig").splitlines()
    assert lines[0] == "민원번호,내용"
    ids = [line.split(",")[0] for line in lines[1:]]
    assert len(ids) == 7 and len(set(ids)) == 7
    assert {line.split(",")[1] for line in lines[1:]} == {"a", "b", "c"}


def test_each_repetition_sends_new_bytes_and_never_fewer_rows_than_the_original(tmp_path: Path) -> None:
    slot = Slot("1741000", "2026-03", 3, _original(tmp_path))
    first, second = reordered(slot, 0, rows=2), reordered(slot, 1, rows=2)
    assert first != second
    assert len(first.decode("utf-8-sig").splitlines()) == 4  # the header and all three rows
