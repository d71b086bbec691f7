"""Every weight by which sentences are scored and chosen, in one place, each with its reason.

A sentence's score is its cosine similarity to the question plus these bonuses and minus these
penalties; the extractive generator and the sources block then keep sentences relative to the best.
The values were set by hand while building, then checked by `bench/fit_weights.py`, which varies
them over the dev sets with a fixed split (fit on the even-numbered questions, report the odd ones):
a dev-set figure measured with them is tuned-on, and the README says so.
Stages read them as `weights.NAME` at call time, so the fit can vary them in-process.
"""

# ranking (answering/sentences.py)
OVERLAP_WEIGHT = 0.35  # shared keywords: a figure or a name the embedding blurs ("4.3" vs "4.4")
FIGURE_BONUS = 0.1  # a quantity when one is asked for ("how many", "what rate")
UNIT_BONUS = 0.1  # a figure of the unit or measure asked: money for "cost", a headcount for "how many people"
LEAD_BONUS = 0.2  # a document's main fact: the sentence of its title's figure, else its first
ANCHOR_PENALTY = 0.3  # missing what the question names: a name, a month (half when its passage has it)
FORECAST_PENALTY = 0.3  # a forecast ("analysts expect 50,000") is no more the outcome than another month
PART_PENALTY = 0.3  # one industry's figure ("construction added 9,000") is not the total asked for
RECORD_PENALTY = 0.3  # asked "why", a table's record: it gives figures, never a reason
LATEST_BONUS = 0.15  # "the latest": the newest retrieved document's sentences, falling to 0 for the oldest

# extractive choice (answering/generators/extractive.py)
MIN_SCORE = 0.35  # below this even the best sentence does not answer the question
KEEP_WITHIN = 0.85  # further sentences (and a comparison side giving one figure) score this share of the best
REDUNDANCY = 0.5  # weight of a candidate's closeness to sentences already chosen (maximal marginal relevance)
NEAR_DUPLICATE = 0.7  # token overlap (Jaccard) above which two sentences say the same

# near misses (answering/measures.py)
ON_TOPIC = 0.75  # share of the best score within which a sentence is still about the question

# the LLM's sources block (answering/sources.py); budgets in the model's tokens
BUDGET = 200  # a one-figure lookup: the best sentences and their neighbours
WIDE_BUDGET = 400  # a list or an explanation: the paragraph around the best evidence
KEEP = 0.5  # sentences scoring below this share of the best are left out
NEIGHBOURS = 1  # sentences either side of a chosen one: the subject and the period often sit there
