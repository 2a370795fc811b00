"""Documentation that is generated must match what generates it."""
from __future__ import annotations

from pathlib import Path

from toolkit.schemas import TABLES, markdown

ROOT = Path(__file__).resolve().parents[1]


def test_schema_doc_is_up_to_date():
    assert (ROOT / "docs" / "schema.md").read_text() == markdown(), "run `make schema`"


def test_every_column_is_documented():
    for table in TABLES.values():
        for column in table.columns:
            assert len(column.doc) > 10, (table.name, column.name)


def test_readme_names_the_two_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text()
    assert "make report" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text()
