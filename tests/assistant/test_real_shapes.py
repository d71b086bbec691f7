"""Answers on documents shaped like real ones (hard-wrapped release, statute, front-matter news),
written by the test: real Chroma, the real embedding model, the extractive generator."""

from __future__ import annotations

import pytest

from assistant import Assistant
from ingest.normalize import normalize
from tests.conftest import extractive_over

# Shaped like a real monthly release: embargo and contact lines, a centred title naming the period,
# a summary, a boxed note, sections that open with their headline figure, a tab-aligned table.
RELEASE = """\
Embargoed until 8:30 a.m. (ET) Friday, November 7, 2031                 OSR-31-0042

Media contact:\t  (555) 010-0000  *  press@osr.test


                    THE STATE OF HIRING -- OCTOBER 2031


Total payroll employment rose by 41,000 in October, and the jobless share held at
5.2 percent, the Office of Statistical Releases reported today. Gains came in clinics,
in schools and in road building, while call centers shed staff.

 _______________________________________________________________
|                                                               |
|  Seasonal weights were revised this month for the household   |
|  sample; see the technical note.                              |
|_______________________________________________________________|

Establishment Figures

Payroll employment increased by 41,000 in October, about the same as the average
monthly gain over the prior year. (See table B-1.)

Clinics added 9,000 jobs in October, in line with their average monthly gain
of 8,500 over the prior year. Call centers lost 3,000 jobs in October.
"""

STATUTE = """\
# Plant closing notice

**§7-1 Notice.** Under the Worker Adjustment and Retraining Notification Act as adopted here,
an employer shall give each affected worker written notice at least sixty days before a
plant closing or mass layoff.

**§7-2 Penalty.** An employer who fails to give notice owes a civil penalty not to exceed $400
for each day of the violation.
"""

NEWS_A = """---
title: "Zedcorp to cut 700 jobs as it leans on automation"
published: "2031-05-02T09:00:00Z"
---
Zedcorp said on Friday it would cut 700 jobs, about 9% of its staff, as it shifts work to AI tools.
The company expects restructuring charges of $35 million to $40 million.
"""

NEWS_B = """---
title: "Quillon trims its sales team"
published: "2031-05-20T09:00:00Z"
---
Quillon will lay off 260 employees in its sales division, the company said in a filing.
"""


@pytest.fixture(scope="module")
def bot(tmp_path_factory) -> Assistant:
    root = tmp_path_factory.mktemp("shapes")
    docs = root / "docs"
    docs.mkdir()
    for name, text in {
        "osr_release_2031-10.txt": RELEASE,
        "plant_closing_statute.md": STATUTE,
        "zedcorp.md": NEWS_A,
        "quillon.md": NEWS_B,
    }.items():
        (docs / name).write_text(text)
    return extractive_over(docs, root / "data")


def _sentences_of(text: str) -> list[str]:
    return [line for line in normalize(text).splitlines() if line]


def test_a_hard_wrapped_release_is_answered_in_whole_sentences_with_its_period(bot):
    result = bot.answer("How many jobs were added in October 2031?")
    assert not result.refused and "41,000" in result.text, result.text
    first = result.text.split(" [")[0]
    assert first[0].isupper() and any(first in line for line in _sentences_of(RELEASE)), first
    assert result.citations[0].period == "2031-10"


def test_a_period_only_in_the_title_refuses_another_month(bot):
    assert bot.answer("What was the jobless share in November 2031?").refused
    assert not bot.answer("What was the jobless share in October 2031?").refused


def test_an_acronym_spelled_out_only_in_the_text_is_answered(bot):
    result = bot.answer("How much notice does the WARN Act require?")
    assert not result.refused and "sixty days" in result.text, result.text


def test_may_and_please_do_not_refuse(bot):
    result = bot.answer("Please tell me how many jobs Zedcorp may cut.")
    assert not result.refused and "700" in result.text, result.text


def test_a_comparison_answers_both_sides(bot):
    result = bot.answer("How many jobs are Zedcorp and Quillon cutting?")
    assert "700" in result.text and "260" in result.text, result.text


def test_a_short_new_question_after_another_topic_is_not_a_follow_up(bot):
    history = [{"role": "user", "content": "How many jobs is Zedcorp cutting?"}]
    result = bot.answer("What is the penalty?", history=history)
    assert "$400" in result.text, result.text


def test_a_follow_up_takes_the_subject_of_the_last_question(bot):
    history = [{"role": "user", "content": "How many jobs is Zedcorp cutting?"}]
    result = bot.answer("How much will that cost them?", history=history)
    assert not result.refused and all("zedcorp" in c.source for c in result.citations), result.text
    assert (
        bot.generator().rewrite("How much will that cost them?", history)
        == "How much will that cost them (Zedcorp)?"
    )
