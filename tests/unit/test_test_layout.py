"""Test modules share one namespace (the test folders are not packages): two files of one name would stop the
whole suite at collection, so each name is used once."""

from __future__ import annotations

from collections import Counter

from metrics.settings import PROJECT_ROOT


def test_every_test_module_name_is_used_once():
    names = Counter(path.name for path in (PROJECT_ROOT / "tests").rglob("test_*.py"))
    assert [name for name, count in names.items() if count > 1] == []
