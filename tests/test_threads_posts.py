"""An embassy's telegram citing a Department telegram answers it: posts, not only names."""

from __future__ import annotations

import pytest

from knowledge.threads import ANSWERS, answers_and_answered_by

DEPT = """---
title: "The Secretary of State to the Embassy in Ruritania"
date: "May 9, 1949"
url: "https://history.state.gov/historicaldocuments/frus1949v99/d1"
---

711.00/5–949: Telegram

The Secretary of State to the Embassy in Ruritania

secret

Washington, May 9, 1949—6 p.m.

330. Please tell the Foreign Minister that the shipment is delayed.

Acheson
"""

EMBASSY = """---
title: "The Ambassador in Ruritania (Smith) to the Secretary of State"
date: "May 11, 1949"
url: "https://history.state.gov/historicaldocuments/frus1949v99/d2"
---

711.00/5–1149: Telegram

The Ambassador in Ruritania (Smith) to the Secretary of State

secret

Capital, May 11, 1949—1 p.m.

527. ReDeptel 330, May 9. The Foreign Minister took the news calmly.

Smith
"""


@pytest.fixture(scope="module")
def lib(tmp_path_factory):
    from tests.test_pipeline import library_of

    yield from library_of(tmp_path_factory.mktemp("posts"), {"dept.md": DEPT, "embassy.md": EMBASSY})


def test_the_ambassador_answers_what_the_department_sent_his_embassy(lib):
    embassy = lib.cable("527").id
    dept = lib.cable("330").id
    answers, _ = answers_and_answered_by(lib, embassy)
    assert [(x.to_id, x.relation) for x in answers] == [(dept, ANSWERS)]
