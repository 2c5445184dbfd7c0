"""`annals timeline` and `annals ingest` against a real API process."""

from __future__ import annotations

import json

import httpx
import pytest
from typer.testing import CliRunner

from services.cli import app
from services.extraction.model import Actor
from services.terminal import article_from_file, collect_items
from tests.integration.factories import PUTIN_EVENTS, day, report, store_article, store_report
from tests.support.processes import start_api

runner = CliRunner()


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    process, url = start_api(tmp_path_factory.mktemp("terminal-logs"))
    yield url
    process.stop()


@pytest.fixture
def putin_timeline():
    travel, visit_2000, _, beijing = PUTIN_EVENTS
    store_article(travel, visit_2000, beijing, url="https://news.example/1", title="Putin to visit North Korea",
                  source="Example News")


def test_timeline_prints_every_event_as_a_table(api, putin_timeline):
    result = runner.invoke(app, ["timeline", "Putin", "--api", api], env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Vladimir Putin" in out and "3 events" in out
    positions = [out.index(label) for label in ("2000", "May 2024", "18 June 2024")]
    assert positions == sorted(positions)
    assert "Putin travels to North Korea" in out and "North Korea" in out and "Example News" in out


def test_timeline_window_and_unknown_actor(api, putin_timeline):
    result = runner.invoke(app, ["timeline", "Putin", "--api", api, "--from", "2024-01-01", "--to", "2024-05-31"],
                           env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    assert "May 2024" in result.output and "18 June 2024" not in result.output and "1 event" in result.output
    missing = runner.invoke(app, ["timeline", "Puti", "--api", api])
    assert missing.exit_code == 1 and "no actor named" in missing.output
    assert "Did you mean: Vladimir Putin" in missing.output
    bad = runner.invoke(app, ["timeline", "Putin", "--api", api, "--from", "June"])
    assert bad.exit_code == 2


def test_timeline_of_a_shared_surname_lists_the_people_it_may_mean(api):
    for name in ("Joe Smith", "Ann Smith"):
        store_report(report(day("2026-11-17"), (Actor(name, "person", (name,)),), "win", f"{name} won"),
              published="2026-11-20")
    result = runner.invoke(app, ["timeline", "Smith", "--api", api], env={"COLUMNS": "160"})
    assert result.exit_code == 1
    assert "names 2 actors" in result.output
    assert "Joe Smith  (id" in result.output and "Ann Smith  (id" in result.output
    by_id = runner.invoke(app, ["timeline", "1", "--api", api], env={"COLUMNS": "160"})
    assert by_id.exit_code == 0 and "Joe Smith" in by_id.output


def test_ingest_posts_files_folders_and_json_lines_with_a_summary(api, write_key, tmp_path):
    folder = tmp_path / "news"
    (folder / "deep").mkdir(parents=True)
    (folder / "putin-visit-2024-06-17.txt").write_text("Vladimir Putin will visit Pyongyang on Tuesday.")
    (folder / "deep" / "summit.html").write_text(
        "<html><head><title>Summit &amp; talks</title></head><body><p>Kim Jong Un met Putin on Wednesday.</p>"
        "</body></html>")
    (folder / "notes.md").write_text("not an article")
    lines = tmp_path / "articles.jsonl"
    lines.write_text("\n".join([
        json.dumps({"text": "Xi Jinping met Putin in Beijing on Thursday.", "url": "https://b.example/1",
                    "published_at": "2024-05-16"}),
        "",
        json.dumps({"text": "", "published_at": "2024-05-16"}),
        "{not json",
        json.dumps({"text": "Xi Jinping met Putin in Beijing on Thursday.", "url": "https://b.example/1",
                    "published_at": "2024-05-16"}),
    ]) + "\n")

    result = runner.invoke(app, ["ingest", str(folder), str(lines), "--api", api, "--chunk-size", "2"],
                           env={"ANNALS_API_KEY": write_key, "COLUMNS": "200"})
    assert result.exit_code == 1, result.output  # something was rejected
    assert "accepted: 3  duplicates: 1  rejected: 2" in result.output
    assert "articles.jsonl:3: text: Value error, text is empty" in result.output
    assert "articles.jsonl:4: not JSON" in result.output
    # notes.md is skipped by the folder walk (not an article type), so it is not counted
    assert "notes.md" not in result.output

    posted = {body["title"]: body for body in (httpx.get(f"{api}/articles/{i}").json() for i in (1, 2))}
    assert posted["putin-visit"]["published_at"].startswith("2024-06-17")
    assert posted["Summit & talks"]["published_at_assumed"] is True  # no date in its name


def test_ingest_without_a_valid_key_fails_clearly(api, tmp_path):
    article = tmp_path / "one.txt"
    article.write_text("Putin spoke on Monday.")
    result = runner.invoke(app, ["ingest", str(article), "--api", api, "--key", "wrong"])
    assert result.exit_code == 2 and "HTTP 401" in result.output and "unknown API key" in result.output


def test_file_names_give_the_publication_date(tmp_path):
    dated = tmp_path / "putin-north-korea-2024-06-17.txt"
    dated.write_text("text")
    assert article_from_file(dated) == {"text": "text", "title": "putin-north-korea", "published_at": "2024-06-17"}
    impossible = tmp_path / "report-2024-13-45.txt"
    impossible.write_text("text")
    assert "published_at" not in article_from_file(impossible)
    items = list(collect_items([tmp_path / "missing.txt", tmp_path / "x.pdf"]))
    assert [item.problem for item in items] == ["no such file or folder", "no such file or folder"]
    pdf = tmp_path / "x.pdf"
    pdf.write_text("%PDF")
    assert "unsupported file type .pdf" in next(iter(collect_items([pdf]))).problem


def test_search_prints_matching_events_with_kind_and_place(api):
    from tests.integration.search_factories import SEED, store

    store(*SEED)
    result = runner.invoke(app, ["search", "visit", "--actor", "Putin", "--api", api], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "“visit” – 3 events" in result.output
    assert "Putin arrived in Hanoi" in result.output and "Vietnam" in result.output
    assert "Meeting or visit" in result.output
    placed = runner.invoke(app, ["search", "--type", "agreement", "--place", "Pyongyang", "--api", api],
                           env={"COLUMNS": "200"})
    assert placed.exit_code == 0 and "strategic partnership" in placed.output and "1 event" in placed.output
    newest = runner.invoke(app, ["search", "-n", "2", "--api", api], env={"COLUMNS": "200"})
    assert "Newest events – 2 events" in newest.output
    bad = runner.invoke(app, ["search", "--type", "picnic", "--api", api])
    assert bad.exit_code == 1 and "type" in bad.output
    nobody = runner.invoke(app, ["search", "x", "--actor", "Nobody Atall", "--api", api])
    assert nobody.exit_code == 1 and "no actor named" in nobody.output
