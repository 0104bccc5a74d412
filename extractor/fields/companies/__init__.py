"""Companies named in an article (``doc._.companies``).

Candidates come from three places: the model's ORG entities, a gazetteer of companies
(``data/companies.jsonl``, matched with PhraseMatchers) and company contexts that work for names
no list knows (``data/company_rules.json``: ``X, a Japanese steelmaker``, ``shares of X``,
``X's chief executive``, ``X said in a statement``, legal suffixes). Candidates that are
governments, agencies, policy banks, think tanks, places, people, parties or news outlets cited as
sources are dropped (``data/non_companies.json`` plus word rules). Mentions of one company are
merged (``Toshiba Group``/``Toshiba``, a name and its bracketed acronym, a short form of a longer
name); joint ventures stay apart from their parents. Every other occurrence of an accepted name
in the article is added as a mention. Output, one entry per company::

    {"name": "Mitsubishi Heavy Industries", "country": "JP",
     "mentions": [{"text": "Mitsubishi Heavy Industries", "start": 200, "end": 227}]}

The stages, one module each: ``candidates`` (contexts, gazetteer, model names, more evidence),
``filters`` (the rejection rules), ``grouping`` (companies, short forms, evidence model),
``mentions`` (repeats and output); ``spans`` holds the named data and the indexes that keep
the component linear in the article's length, ``anchors`` runs the context Matchers only near
their key words, ``names`` holds the pure helpers, ``walk`` the token helpers, ``component`` the
spaCy component.
"""

from extractor.fields.companies.component import EVIDENCE, GAZETTEER, NON_COMPANIES, RULES, Companies, make_companies
from extractor.fields.companies.names import company_key, initials, is_place_name, place_code

__all__ = ["Companies", "make_companies", "company_key", "initials", "is_place_name", "place_code",
           "GAZETTEER", "NON_COMPANIES", "RULES", "EVIDENCE"]
