"""Shared fixtures for the knowledge layer and CLI tests: seeds, fresh stores, the CLI runner.

Nothing here imports discord; tests/discord/ has its own conftest.
"""

from __future__ import annotations

import io
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from knowledge.aliases import load_aliases
from knowledge.library import Library
from knowledge.parse import parse_path
from knowledge.records import Cable

PROJECT_DIR = Path(__file__).resolve().parents[1]
SEEDS_DIR = PROJECT_DIR / "seeds"
SEED_FILE = SEEDS_DIR / "wilson-center-1950-cables.html"


@pytest.fixture(scope="session")
def seed_file() -> Path:
    return SEED_FILE


@pytest.fixture(scope="session")
def seed_cables() -> dict[str, Cable]:
    """The seed document parsed once, by id, in page order."""
    cables = parse_path(SEED_FILE, aliases=load_aliases())
    return {c.id: c for c in cables}


@pytest.fixture(scope="session")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding store.db and store.db.index as a first run builds them from the seeds.

    Tests get their own copy: building takes tens of milliseconds (and more on a busy
    machine), copying two files takes one. Tests of the build itself open a new path.
    """
    folder = tmp_path_factory.mktemp("built-store")
    Library.open(folder / "store.db", seeds_dir=SEEDS_DIR).close()
    return folder


def fresh_copy(built: Path, folder: Path) -> Path:
    """Copy the built store into folder; return the path of its store.db."""
    shutil.copytree(built, folder)
    return folder / "store.db"


@pytest.fixture
def lib(tmp_path: Path, built_store: Path):
    """A fresh on-disk store of the seeds, one per test."""
    library = Library.open(fresh_copy(built_store, tmp_path / "lib"), seeds_dir=SEEDS_DIR)
    yield library
    library.close()


@pytest.fixture
def mem_lib():
    """A fresh in-memory store (and index) built from the seeds, one per test."""
    library = Library.open(memory=True, seeds_dir=SEEDS_DIR)
    yield library
    library.close()


@pytest.fixture(scope="session")
def qa_lib():
    """One in-memory library for the read-only question-answering tests."""
    library = Library.open(memory=True, seeds_dir=SEEDS_DIR)
    yield library
    library.close()


@dataclass(frozen=True)
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(
    tmp_path: Path,
    built_store: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
):
    """Run `cablebot ARGS` in process against a fresh store in tmp_path; returns code, out, err."""
    from knowledge.cli import main

    db = fresh_copy(built_store, tmp_path / "cli")
    monkeypatch.setenv("CABLEBOT_DB", str(db))
    monkeypatch.delenv("CABLEBOT_CONFIG", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.chdir(tmp_path)  # no stray ./config.yaml is read

    def run(*args: str, stdin: str | None = None) -> CliResult:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin if stdin is not None else ""))
        capsys.readouterr()
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse: --help, usage errors
            code = exc.code if isinstance(exc.code, int) else 1
        out, err = capsys.readouterr()
        return CliResult(code, out, err)

    run.db = db  # type: ignore[attr-defined]
    return run


@pytest.fixture(autouse=True)
def quotes_are_verbatim(monkeypatch):
    """Every answer any test gets through Library.ask quotes its cables' own printed words."""
    from knowledge.qa.compose import verbatim

    ask = Library.ask

    def checked(self, question, *args, **kwargs):
        answer = ask(self, question, *args, **kwargs)
        for citation in answer.citations:
            cable = self.store.get(citation.cable) if citation.cable else None
            if cable is not None:
                assert verbatim(cable, citation.quote), (
                    f"{question!r}: the quote {citation.quote!r} is not in {cable.id} as printed"
                )
        return answer

    monkeypatch.setattr(Library, "ask", checked)
