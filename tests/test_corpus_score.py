"""The real development corpus (../shared/corpus), scored through the CLI as score.py scores it.

The floor rises as the answering work does (the answering issue ends it at 90 %). Any
confidently wrong answer (found, but wrong) to a question whose answer is in no cable fails the
test outright: saying "not in the cables" is always better than a guess. Every quote of every
answer must be the cable's own printed words.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from knowledge.library import Library
from knowledge.qa.compose import verbatim

PROJECT_DIR = Path(__file__).resolve().parents[1]
CORPUS = PROJECT_DIR.parent / "shared" / "corpus"
SCORE_FLOOR = 0.86  # measured 86.6 % (181/209); was 62 % (130/209) when this test was written; raise it as answers improve
MAX_CONFIDENTLY_WRONG = 1  # measured 1 (was 20); answers marked found but wrong: lower it as they go

pytestmark = pytest.mark.skipif(
    not (CORPUS / "questions.yaml").exists(), reason=f"the shared corpus is not at {CORPUS}"
)


def norm(s: str) -> str:
    """Lower-case, curly quote and dashes plain, thousands separators dropped (as score.py)."""
    s = s.lower().replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    return re.sub(r"(?<=\d)[,\u202f\u00a0 ](?=\d{3}\b)", "", s)


def holds(answer: str, want: str) -> bool:
    w = norm(want)
    if w.isdigit():
        return re.search(rf"(?<!\d){w}(?!\d)", answer) is not None
    if w in ("yes", "no"):
        return re.search(rf"\b{w}\b", answer) is not None
    return w in answer


def right(q: dict, out: dict) -> bool:
    answer = norm(out.get("answer", ""))
    ok = bool(out.get("found")) == q.get("found", True)
    ok = ok and all(holds(answer, s) for s in q.get("expect_all", []))
    ok = ok and (not q.get("expect_any") or any(holds(answer, s) for s in q["expect_any"]))
    return ok and not any(holds(answer, s) for s in q.get("expect_none", []))


@pytest.fixture(scope="module")
def scored(tmp_path_factory):
    """(questions, answers as JSON, store path) after ingesting the corpus with the CLI."""
    folder = tmp_path_factory.mktemp("corpus")
    env = dict(os.environ, CABLEBOT_DB=str(folder / "store.db"))
    cli = [sys.executable, "-m", "knowledge.cli"]
    docs = [str(CORPUS / "wilson"), str(CORPUS / "frus"), *map(str, (CORPUS / "frus-tei").glob("*.xml"))]
    ingest = subprocess.run([*cli, "ingest", *docs], env=env, capture_output=True, text=True)
    assert ingest.returncode == 0, ingest.stdout + ingest.stderr
    questions = yaml.safe_load((CORPUS / "questions.yaml").read_text(encoding="utf-8"))
    asked = subprocess.run(
        [*cli, "ask", "--json"],
        input="\n".join(q["question"] for q in questions) + "\n",
        env=env, capture_output=True, text=True,
    )  # fmt: skip
    answers = [json.loads(line) for line in asked.stdout.splitlines() if line.startswith("{")]
    assert len(answers) == len(questions), asked.stderr[-500:]
    return questions, answers, folder / "store.db"


def test_the_corpus_is_answered_above_the_floor(scored):
    questions, answers, _ = scored
    good = sum(right(q, a) for q, a in zip(questions, answers, strict=True))
    assert good / len(questions) >= SCORE_FLOOR, f"{good}/{len(questions)} right"


def test_few_answers_are_confidently_wrong(scored):
    questions, answers, _ = scored
    wrong = [q["question"] for q, a in zip(questions, answers, strict=True) if a.get("found") and not right(q, a)]
    assert len(wrong) <= MAX_CONFIDENTLY_WRONG, wrong


def test_no_question_outside_the_cables_is_answered_as_found(scored):
    questions, answers, _ = scored
    wrong = [
        (q["question"], a["answer"][:120])
        for q, a in zip(questions, answers, strict=True)
        if q.get("found", True) is False and a.get("found")
    ]
    assert not wrong, wrong


def test_every_quote_is_the_cables_printed_words(scored):
    _, answers, store = scored
    lib = Library.open(store)
    try:
        for a in answers:
            for c in a.get("citations", []):
                cable = lib.store.get(c["cable"]) if c["cable"] else None
                if cable is not None:
                    assert verbatim(cable, c["quote"]), (a["question"], c["quote"][:120])
    finally:
        lib.close()
