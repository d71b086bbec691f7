"""The closed-class words by which an English question says what it wants, in one place.

Every list here is grammar (question words, quantifiers, comparatives, units of measure), not the
vocabulary of any document: which company, table or column a question means is found against the
documents themselves. Stages read these only through the parsed `Query`.
"""

from __future__ import annotations

import re

# Words a question capitalises for grammar or politeness, not because they name something.
NOT_NAMES = frozenset(
    "i what which who whom whose when where why how is are was were do does did can could should would will "
    "shall may might must please tell list give show explain compare according hi hello thanks".split()
)
ASKING = re.compile(r"\b(?:how|what|which|who|whom|when|where|why|whether)\b|\?", re.I)
QUESTION_WORDS = frozenset("what which who how why when where about is are was were much many".split())

# What kind of figure a question wants, read from the noun it asks about.
MONEY_WORDS = re.compile(
    r"\b(?:cost|costs|pay|paid|pays|spend|spent|charges?|fines?|penalt(?:y|ies)|earn(?:s|ings)?|wages?"
    r"|salar(?:y|ies)|prices?|dollars?|money|worth|budget|severance|savings|revenues?|profits?|funding)\b",
    re.I,
)
# "how much will it save": a sum, where "save" alone may be of jobs ("how many jobs did it save")
HOW_MUCH_SAVED = re.compile(r"\bhow much\b.*\bsav(?:e|es|ed|ing)\b", re.I)
# a sum asked for by its unit ("the dollar amount", "in dollars"): weeks of pay do not answer it
DOLLAR_SUM = re.compile(
    r"\bdollar (?:amount|figure|value|sum|total)s?\b|\bin dollars\b|\bhow many dollars\b", re.I
)
PERCENT_WORDS = re.compile(r"\b(?:percent|percentage|rate|share|proportion)\b", re.I)
QUANTITY_WORDS = frozenset(
    """how many much long rate percent percentage share proportion fraction number total amount size big
    large fine penalty cost figure figures""".split()
)
# "how much is it cutting costs": the size of a change, which a percentage answers as well as a sum.
# Verbs only: "how much will the reduction cost" asks for a sum.
CHANGE = re.compile(
    r"\b(?:cut(?:ting)?|reduc(?:e|es|ed|ing)|rais(?:e|es|ed|ing)|increas(?:e|es|ed|ing)"
    r"|decreas(?:e|es|ed|ing)|ris(?:e|es|ing)|rose|f[ae]ll(?:s|ing)?|drop(?:s|ped|ping)?|gr[eo]w(?:s|n|ing)?"
    r"|lower(?:s|ed|ing)?|shr[iu]nk(?:s|ing)?|shrank|trim(?:s|med|ming)?|chang(?:ed|ing))\b",
    re.I,
)
# "how many <people noun>" wants a headcount: a share of staff does not answer it
HEADCOUNT = re.compile(
    r"\bhow many (?:\w+ ){0,2}?(?:people|persons|employees|workers|staff|jobs|roles|positions"
    r"|layoffs|members|individuals|residents)\b"
    r"|\bhead ?count\b|\bnumber of (?:people|employees|workers|jobs)\b",
    re.I,
)
# "how many days", "how long": a length of time, which a count of staff does not answer
DURATION = re.compile(
    r"\bhow (?:many|much) (?:\w+ )?(?P<unit>days|weeks|months|years|hours)\b"
    r"|\bhow long\b|\bhow (?:far|much time) in advance\b",
    re.I,
)
# what follows a length of time's figure; statutes write "sixty (60) days"
DURATION_UNITS = re.compile(
    r"^\)?[\s-]*(?:\(\d+\)\s*)?(?:calendar |business |working )?(?:days?|weeks?|months?|years?|hours?)\b",
    re.I,
)
# a sum of pay counted in pay periods: "twelve weeks of pay", "eight weeks of base pay", "8 weeks' salary"
PAY_PERIODS = re.compile(
    r"^\s*(?:days?|weeks?|months?)['’]?\s+(?:of\s+)?(?:(?:base|regular|full|normal)\s+)?(?:pay|salary|wages)\b",
    re.I,
)
AGE = re.compile(r"\bhow old\b|\bwhat age\b|\bage (?:limit|requirement)\b", re.I)

# "the latest", "most recent": newest document or period first
LATEST = re.compile(
    r"\b(?:latest|most recent(?:ly)?|newest|current(?:ly)?"
    r"|last (?:reported|available|published)|up to date)\b",
    re.I,
)
# "how many does it employ now": the newest document first, as for "the latest" (an aggregate's
# "now" is no ordering by date)
NOW = re.compile(r"\b(?:now|today|at present)\b", re.I)
# a question whose answer is a period, or a figure with its period: "which month", "when did"
# a question whose answer is a date: "when will the plant close", "by what date"
ASKS_DATE = re.compile(
    r"\bwhen (?:will|is|are|does|do|did|was|were|would|must|should|can|could|has|have)\b"
    r"|\b(?:what|which) (?:date|day)\b|\bhow soon\b",
    re.I,
)
ASKS_PERIOD = re.compile(r"\b(?:which|what) (?:month|quarter|week|period)\b|\bwhen (?:did|was|were)\b", re.I)
# someone's expectation of a figure, not the figure: "economists expected 50,000"
FORECAST = re.compile(
    r"\b(?:expect(?:s|ed|ing|ations?)?|forecast(?:s|ed|ers?)?|consensus|projections?|projected"
    r"|predict(?:s|ed|ions?)?|anticipat(?:es?|ed|ing)|looking for|outlook)\b",
    re.I,
)
# an industry of the standard classification (NAICS sectors, as jobs reports group them), or one named
# before ("the industry added ..."): a figure whose subject is one is a part of a total, the answer
# only when the question asks about an industry
SECTOR = re.compile(
    r"\b(?:(?:the|this|that) (?:industry|sector)"
    r"|health ?care|social assistance|education(?:al)? and health services|construction|manufacturing"
    r"|retail(?: trade)?|wholesale trade|leisure and hospitality|hospitality|accommodation and food services"
    r"|professional(?:,| and) (?:scientific|business) services|financial activities|finance and insurance"
    r"|transportation and (?:warehousing|utilities)|mining(?: and logging)?|information (?:sector|services)"
    r"|(?:federal|state|local) government"
    # any other industry called so: "the information industry", "the trucking sector" (not "the
    # same industry", "the largest sector")
    r"|(?<=\bthe )(?!(?:same|whole|other|entire|overall|first|last|next|\w+est)\b)"
    r"[a-z]+ (?:industry|sector))\b",
    re.I,
)
_INDUSTRY_NOUNS = {"the", "this", "that", "industry", "sector"}


def industry_words(named: str) -> list[str]:
    """The words that name an industry in a SECTOR match, without "the" and "industry":
    "the information industry" is written "Industry: Information" in a table's row; [] for "the
    industry", which points back to one named before."""
    return [w for w in re.findall(r"[a-z]+", named.lower()) if w not in _INDUSTRY_NOUNS]


def writes_industry(named: str, text: str) -> bool:
    """Whether a text writes the industry a SECTOR match names ("health care", "healthcare",
    "health-care"; "Information" for "the information industry")."""
    spaced = r"[\s-]*".join(map(re.escape, industry_words(named)))
    return bool(spaced) and re.search(rf"\b{spaced}\b", text, re.I) is not None


# a question about an industry, by name or by the word; "tech" is how users name theirs
ASKS_SECTOR = re.compile(rf"{SECTOR.pattern}|\b(?:industr(?:y|ies)|sectors?|tech(?:nology)?)\b", re.I)
# a question about what is to come, which a forecast or a plan answers: "how much will it cost?"
FUTURE = re.compile(r"\b(?:will|going to|plans?|planned|planning)\b", re.I)
# a sentence that names its period by pointing at its document's: "added 50,000 during the month"
OWN_PERIOD = re.compile(r"\b(?:(?:during|for|in|over|throughout) the|this) (?:month|quarter|week)\b", re.I)
# a comparison: two sides and a word that sets them against each other
COMPARING = re.compile(
    r"\b(?:compare[sd]?|comparison|versus|vs\.?|against|difference between|differ"
    r"|change[sd]? (?:from|between)"
    r"|(?:more|fewer|less|larger|smaller|bigger|higher|lower|greater) than"
    r"|which (?:\w+ ){0,4}(?:more|fewer|larger|smaller|bigger|higher|lower|greater|most|least)"
    r"|(?:larger|smaller|bigger|higher|lower|greater)\b)",
    re.I,
)
SIDES = re.compile(
    r"\s*(?:,?\s+\bor\b|,?\s+\band\b|\bversus\b|\bvs\.?|\bcompared? (?:with|to)\b|\bagainst\b)\s+", re.I
)
# the period a sum is paid or counted per: "monthly", "a week", "per hour", "annual"
BASIS = {
    "hour": r"hourly|(?:per|an?|each|every) hour",
    "day": r"daily|(?:per|a|each|every) day",
    "week": r"weekly|(?:per|a|each|every) week",
    "month": r"monthly|(?:per|a|each|every) month",
    "year": r"annual(?:ly)?|yearly|(?:per|a|each|every) year|per annum",
}
BASIS_WORDS = re.compile("|".join(rf"\b(?P<{name}>{words})\b" for name, words in BASIS.items()), re.I)
# what a question asks a basis of: a sum, not a count ("how many jobs each month" wants counts)
SUM_NOUNS = re.compile(
    r"\b(?:amounts?|sums?|payments?|benefits?|allowances?|stipends?|wages?|salar(?:y|ies)|pay|earnings"
    r"|compensation|cost|costs|fee|fees|rent|income|penalt(?:y|ies)|fines?)\b",
    re.I,
)
# "how much" of a payment or benefit asks for a sum (or a number of weeks of it)
PAYMENT = re.compile(r"\bhow much\b.*\b(?:payments?|benefits?|allowances?|compensation)\b", re.I)
# a list or an explanation wants a paragraph, not one sentence
LISTING = re.compile(
    r"^\s*(?:which|list|name|what (?:\w+ ){0,2}(?:are|were)"
    r"|what (?:details|information|steps|documents|conditions|requirements|rules|criteria"
    r"|exceptions|options))\b"
    r"|\b(?:list|which (?:\w+ ){0,2}(?:are|must|can|have to))\b",
    re.I,
)
# "why did the rate fall?" asks for a reason, not for the rate its words name
REASON = re.compile(r"^\s*(?:why|explain|describe)\b", re.I)
EXPLAINING = re.compile(
    r"^\s*(?:why|how (?:does|do|did|can|should|must|is|are)|explain|describe"
    r"|what (?:does|do) .* (?:mean|require))\b"
    r"|\b(?:who (?:must|has to|needs to|is required|qualifies|is eligible|is covered)|what happens|eligib|"
    r"requirements?|conditions?|covered)\b",
    re.I,
)
YES_NO = re.compile(
    r"^\s*(?:is|are|was|were|do|does|did|can|could|should|must|may|will|would|has|have|had)\b", re.I
)
# a second part begins with a question word after "and" or a comma: "How many ..., and what share ...?"
PART_BREAK = re.compile(
    r"(?:,\s*(?:and\s+)?|\s+and\s+|[?;]\s+)(?=(?:how|what|which|who|when|where|why|is|are|was|were|did|does)\b)",
    re.I,
)

# A period named by its place next to another: "the month after that", "a year earlier"
RELATIVE = re.compile(
    r"\b(?:the )?(?P<u1>month|year) (?P<d1>after|before) that\b"
    r"|\b(?:the )?(?P<d2>next|following|previous|prior|preceding) (?P<u2>month|year)\b"
    r"|\b(?:a|one|the) (?P<u3>month|year) (?P<d3>earlier|later|before|after)\b",
    re.I,
)
LATER = frozenset({"after", "next", "following", "later"})

# Follow-ups: a question that continues the last one, or points back at it.
# "..., according to the survey?": where the figure comes from, not a new subject
ATTRIBUTION = re.compile(r",?\s*\baccording to\s+(?P<source>[^,?.;]+?)(?=\s*[,?.;]|\s*$)", re.I)
CONTINUES = re.compile(r"^\s*(and|or|but|also|what about|how about|same for|then)\b", re.I)
POINTS_BACK = re.compile(
    r"\b(it|its|they|them|their|that|those|this|these|he|she|his|her|there|then)\b", re.I
)

# Tables: words of the aggregation itself, never a cell value being asked about
AGGREGATE_WORDS = frozenset(
    """total sum add up count number average mean largest biggest most highest smallest fewest least
    lowest top per each every all entries entry rows row records record separate single
    people employees workers staff jobs layoffs layoff lay laid off cut cuts shed dataset table tracker
    list change changed time trend over month year monthly yearly annual quarter week rise fall
    recent latest newest last date dated across document""".split()
)
# Words by which a question points at a table as such, rather than at what its rows record.
TABLE_NOUNS = frozenset("table dataset data file workbook spreadsheet sheet log list listing report".split())
# "across the listings", "in these tables": every table, not the one the question fits best
PLURAL_TABLE_NOUNS = frozenset(f"{noun}s" for noun in TABLE_NOUNS - {"data"})
