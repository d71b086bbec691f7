"""The sources block the LLM reads: best sentences first wherever they are, a document's line once,
a budget counted in the model's own units. Ranked sentences are given by hand: the block is tested
alone, without the ranker."""

from __future__ import annotations

from assistant.answering.sentences import ScoredSentence
from assistant.answering.sources import rough_tokens, sources_block
from assistant.answering.statements import split_sentences
from assistant.types import Citation

BULLETIN = (
    "Harbor City's port employed 4,210 dockworkers in June 2031. "
    "(See chart 3.) "
    "Crane operators made up 610 of them. "
    "Weekly hours at the port averaged 41.5. "
    "Cargo volume rose 8 percent on the year."
)
NOTE = "The regional board counted 22 employers with port contracts. Its survey ran for six weeks."


def _passage(n: int, text: str, source: str, section: str = "") -> Citation:
    return Citation(
        n=n,
        title=f"Port bulletin {source}",
        source=f"/docs/{source}.txt",
        page=None,
        date="2031-07-02",
        kind="report",
        text=text,
        score=0.5,
        period="2031-06",
        section=section,
    )


def _ranked(*picks: tuple[int, int, float], passages: list[Citation]) -> list[ScoredSentence]:
    texts = {p.n: split_sentences(p.text) for p in passages}
    return [ScoredSentence(n, i, texts[n][i], score) for n, i, score in picks]


def test_passages_of_one_document_share_one_line_naming_title_period_and_date():
    passages = [_passage(1, BULLETIN, "a", "Employment"), _passage(2, NOTE, "a", "Employment")]
    block = sources_block(_ranked((1, 0, 0.9), (2, 0, 0.8), passages=passages), passages, budget=500)
    lines = block.splitlines()
    assert lines[0] == "Port bulletin a · June 2031 (2031-07-02):"
    assert lines[1].startswith("[1] Employment: Harbor City's port employed 4,210")
    assert lines[2].startswith("[2] The regional board")  # the same section is not written again
    assert block.count("Port bulletin a") == 1


def test_the_budget_goes_to_the_best_sentences_wherever_they_are():
    passages = [_passage(1, BULLETIN, "a"), _passage(2, NOTE, "b")]
    ranked = _ranked((1, 0, 0.9), (2, 0, 0.85), (1, 4, 0.5), passages=passages)
    block = sources_block(ranked, passages, budget=60)
    assert "4,210" in block and "22 employers" in block  # the two best, from two documents
    assert "8 percent" not in block  # the weaker sentence of the first passage did not fit
    assert rough_tokens(block) <= 60 + 10  # within the budget, give or take the [n] markers


def test_neighbours_follow_while_the_budget_lasts_but_not_a_cross_reference():
    passages = [_passage(1, BULLETIN, "a")]
    block = sources_block(_ranked((1, 2, 0.9), passages=passages), passages, budget=500)
    assert "Crane operators made up 610" in block
    assert "Weekly hours" in block and "4,210" not in block  # the sentence after; before is "(See chart 3.)"
    assert "See chart" not in block


def test_a_gap_between_kept_sentences_is_marked():
    passages = [_passage(1, BULLETIN, "a")]
    ranked = _ranked((1, 0, 0.9), (1, 4, 0.8), passages=passages)
    block = sources_block(ranked, passages, budget=42)
    assert "Weekly hours" not in block
    assert "dockworkers in June 2031. … Cargo volume rose 8 percent" in block


def test_the_best_sentence_goes_in_even_over_budget_cut_at_a_word():
    passages = [_passage(1, BULLETIN, "a")]
    block = sources_block(_ranked((1, 0, 0.9), passages=passages), passages, budget=6)
    body = block.splitlines()[1]
    assert body.startswith("[1] Harbor") and body.endswith("…") and "4,210" not in body


def test_a_budget_in_the_models_own_tokens_takes_fewer_figures():
    """Tokenizers that read numbers digit by digit make a figure-heavy sentence dear."""
    passages = [_passage(1, BULLETIN, "a")]
    ranked = _ranked((1, 0, 0.9), (1, 4, 0.8), passages=passages)

    def digits_dear(text: str) -> int:
        return rough_tokens(text) + sum(c.isdigit() for c in text)

    assert "8 percent" in sources_block(ranked, passages, budget=40)
    assert "8 percent" not in sources_block(ranked, passages, budget=40, measure=digits_dear)


def test_nothing_ranked_gives_no_sources():
    assert sources_block([], [_passage(1, BULLETIN, "a")]) == ""
