"""`sukien run` writes stories and merged events; timeline, dyad, actors, search and export
work on the store it leaves; every command's help carries an example."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from _corpus_pages import write_pages
from sukien.cli import app

runner = CliRunner()


def test_every_command_help_has_an_example() -> None:
    names = [c.name or c.callback.__name__ for c in app.registered_commands]  # type: ignore[union-attr]
    assert {"run", "timeline", "dyad", "actors", "search", "export"} <= set(names)
    for name in names:
        result = runner.invoke(app, [name, "--help"], env={"COLUMNS": "200"})
        assert result.exit_code == 0, name
        assert "Example: sukien " + name in result.output, name


@pytest.fixture
def run_dir(tmp_path: Path) -> Path:
    pages = write_pages(tmp_path / "pages", ["bao-x_hoi-dam", "bao-y_lavrov", "bao-z_eu"])
    result = runner.invoke(app, ["run", str(pages), "--out", str(tmp_path / "out"),
                                 "--db", str(tmp_path / "s.duckdb"), "--workers", "1", "-q"])
    assert result.exit_code == 0, result.output
    return tmp_path


def test_run_and_views(run_dir: Path) -> None:
    out, db = run_dir / "out", str(run_dir / "s.duckdb")
    stories = [json.loads(x) for x in (out / "stories.jsonl").read_text(encoding="utf-8").splitlines()]
    arts = [json.loads(x) for x in (out / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    placed = [a for s in stories for a in s["article_ids"]]
    assert sorted(placed) == sorted(a["article_id"] for a in arts)  # each article in exactly one story
    assert any(set(s["article_ids"]) == {"bao-x_hoi-dam#1", "bao-y_lavrov#1"} for s in stories)
    merged = [json.loads(x) for x in (out / "merged_events.jsonl").read_text(encoding="utf-8").splitlines()]
    assert any(m["root"] == "04" and m["n_sources"] == 2 for m in merged)

    env = {"COLUMNS": "200"}
    tl = runner.invoke(app, ["timeline", "--db", db, "--dyad", "RUS,CHN"], env=env)
    assert tl.exit_code == 0 and "2026-03-04" in tl.output and "040" in tl.output
    assert tl.output.count("040") == 1  # the talks once, with both sources
    tq = runner.invoke(app, ["timeline", "--db", db, "--query", "trung phat"], env=env)
    assert "163" in tq.output and "040" not in tq.output
    dy = runner.invoke(app, ["dyad", "RUS", "CHN", "--db", db], env=env)
    assert dy.exit_code == 0 and "2026-03" in dy.output
    ac = runner.invoke(app, ["actors", "--db", db, "--by-affiliation"], env=env)
    assert ac.exit_code == 0 and "RUS" in ac.output
    se = runner.invoke(app, ["search", "lien hop quoc", "--db", db, "--kind", "article"], env=env)
    assert se.exit_code == 0 and "Liên hợp quốc" in se.output and "2 hits" in se.output
    ex = runner.invoke(app, ["export", "--format", "gdelt", "--out", str(run_dir / "g.tsv"), "--db", db])
    assert ex.exit_code == 0 and (run_dir / "g.tsv").read_text(encoding="utf-8").startswith("GLOBALEVENTID")


def test_run_records_the_corpus_stage_apart(run_dir: Path) -> None:
    import duckdb

    con = duckdb.connect(str(run_dir / "s.duckdb"), read_only=True)
    stages = json.loads(con.execute("SELECT stage_seconds FROM runs").fetchall()[0][0])
    con.close()
    assert stages["corpus"] > 0 and "corpus.clusters" in stages and "page" in stages
    assert stages["total"] >= stages["corpus"]


def test_unknown_similarity_is_refused_before_any_work(tmp_path: Path) -> None:
    pages = write_pages(tmp_path / "pages", ["bao-z_eu"])
    result = runner.invoke(app, ["run", str(pages), "--db", str(tmp_path / "s.duckdb"), "--similarity", "bert"])
    assert result.exit_code == 2 and "unknown similarity" in result.output
    assert not (tmp_path / "s.duckdb").exists()
