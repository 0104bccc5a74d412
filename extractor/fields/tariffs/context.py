"""Per-document caches: the entities, and the country a token names or stands for."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from extractor.extensions import doc_text
from extractor.fields.tariffs.lexicon import _NOUNS, _VERBS, _company_countries, _lex
from extractor.fields.tariffs.parse import _is_strong
from extractor.fields.tariffs.roles import _tariff_np_roles
from extractor.lexicon.tables import country_code


class _Context:
    """Per-document caches: entity of a token, country of a person."""

    def __init__(self, doc: Doc, heavy: bool = False):
        self.doc = doc
        self.text = doc_text(doc)
        self.heavy = heavy  # a tariff article: context rules apply to every sentence
        self._persons: dict[str, str | None] = {}
        self._intros: dict[tuple[int, int], tuple[str | None, str | None]] = {}
        # doc.ents and span.ents rebuild every entity on each call: list them once.
        self.ents = list(doc.ents)
        self._ent_starts = [e.start for e in self.ents]

    def ents_in(self, span: Span) -> list[Span]:
        """The entities inside ``span`` (``span.ents`` without rebuilding the document's)."""
        i = bisect_left(self._ent_starts, span.start)
        out = []
        while i < len(self.ents) and self.ents[i].start < span.end:
            if self.ents[i].end <= span.end:
                out.append(self.ents[i])
            i += 1
        return out

    def ent_of(self, tok: Token) -> Span | None:
        if tok.ent_iob_ == "O" or not tok.ent_type_:
            return None
        doc = self.doc
        start = tok.i
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        end = tok.i + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        return doc[start:end]

    def code(self, text: str) -> str | None:
        """Country of a name: a country word or a known actor (``Trump`` -> ``US``)."""
        text = text.strip()
        if not text or not (text[0].isupper() or text[:4] == "the "):
            return None
        code = country_code(text)
        if code is None:
            actors = _lex().actors
            bare = re.sub(r"^(?:the|The)\s+|['\u2019]s?$", "", text)
            code = actors.get(text) or actors.get(bare)
        return code

    @cached_property
    def author(self) -> str | None:
        """The country whose head of state or government writes the document in the first
        person (see ``author_country``)."""
        return author_country(self.text)

    def country_of(self, tok: Token, depth: int = 0) -> str | None:
        """Country that ``tok`` names or stands for (``Japan``, ``Japanese``, ``Washington``,
        ``Trump``, ``the Trump administration``, ``U.S. President ...``, the first-person ``I``
        of a president's order), else None."""
        if tok.text == "I" and tok.pos_ == "PRON" and tok.dep_ in ("nsubj", "nsubjpass"):  # not "Annex I"
            return self.author
        ent = self.ent_of(tok)
        if ent is not None:
            code = self._entity_country(tok, ent)
        elif tok.pos_ in ("PROPN", "ADJ", "NOUN") or tok.text[:1].isupper():
            code = self.code(tok.text) or self.code(self._compound_name(tok))
        else:
            code = None
        if code is not None:
            return code
        if depth < 2 and (tok.lower_ in _lex().actor_nouns or tok.pos_ == "PROPN"):
            # "the Trump administration", "Japan's government"
            for child in tok.children:
                if child.dep_ in ("compound", "poss", "amod", "nmod") and child.i < tok.i:
                    code = self.country_of(child, depth + 1)
                    if code is not None:
                        return code
        return None

    def _compound_name(self, tok: Token) -> str:
        """The proper name ``tok`` ends with its compound words (``Trade Representative``)."""
        first = tok.i
        for child in tok.lefts:
            if child.dep_ == "compound" and child.pos_ == "PROPN":
                first = min(first, child.i)
        return self.doc[first:tok.i + 1].text if first < tok.i else ""

    def _entity_country(self, tok: Token, ent: Span) -> str | None:
        """Country of the entity holding ``tok``: its name, one of its words, a person's title."""
        code = self.code(ent.text)
        if code is None and len(ent) > 1:
            code = self.code(tok.text) or next((c for c in (self.code(t.text) for t in ent) if c), None)
        if code is None and ent.label_ == "PERSON":
            code = self.person_country(ent)
        return code

    def intro_imposer(self, offsets: tuple[int, int]) -> str | None:
        """Country of the subject of a list's heading (``Canada still applies its own
        counter-tariffs:`` -> CA)."""
        span = self.doc.char_span(offsets[0], offsets[1], alignment_mode="expand")
        if span is None:
            return None
        for tok in span:
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.pos_ in _VERBS:
                code = self.country_of(tok)
                if code is not None:
                    return code
        return None

    def intro_roles(self, offsets: tuple[int, int]) -> tuple[str | None, str | None]:
        """(imposer, target) a list's heading names (``Where U.S. tariffs on Mexico stand:``)."""
        if offsets in self._intros:
            return self._intros[offsets]
        imposer = self.intro_imposer(offsets)
        target = None
        span = self.doc.char_span(offsets[0], offsets[1], alignment_mode="expand")
        for tok in span if span is not None else ():
            if tok.pos_ in _NOUNS and _is_strong(tok):
                targets, imposers = _tariff_np_roles(tok, self)
                imposer = imposer or next((c for c in imposers if c), None)
                target = target or next((c for c in targets if c and c != imposer), None)
        self._intros[offsets] = (imposer, target)
        return imposer, target

    def label_roles(self, a: int, b: int) -> tuple[str | None, str | None, bool]:
        """(imposer, target, several) named by a list line's label: ``U.S. on Canadian steel``
        (imposer US, target CA), ``Canada on steel from countries without a deal`` (several),
        a company (``BYD``: its home country is the target)."""
        text = self.text
        label = text[a:b].strip()
        if not label:
            return None, None, False
        m = re.search(r"\son\s", label)
        imposer = None
        if m is not None:
            imposer = self.code(label[: m.start()])
            a = a + (len(text[a:b]) - len(text[a:b].lstrip())) + m.end()
        span = self.doc.char_span(a, b, alignment_mode="expand")
        lex = _lex()
        target, several = None, False
        for tok in span if span is not None else ():
            if tok.lower_ in lex.several:
                several = True
                break
            code = self.country_of(tok)
            if code is not None and code != imposer:
                target = code
                break
        if target is None and not several and m is None:
            target = _company_countries().get(label.split("(")[0].strip())
        return imposer, target, several

    def person_country(self, ent: Span) -> str | None:
        """Country of a person from a title somewhere in the document (``U.S. President X``)."""
        key = ent[-1].text
        if key in self._persons:
            return self._persons[key]
        code = None
        for other in self.ents:
            if other.label_ != "PERSON" or other[-1].text != key:
                continue
            code = self._title_country(other)
            if code is not None:
                break
        self._persons[key] = code
        return code

    def _title_country(self, ent: Span) -> str | None:
        root = ent.root
        pool = []
        for child in root.children:
            if child.i < ent.start and child.dep_ in ("compound", "amod", "poss", "nmod"):
                pool.extend(child.subtree)
            elif child.dep_ == "appos":
                pool.extend(child.subtree)
        if root.dep_ == "appos":
            pool.extend(t for t in root.head.subtree if not (ent.start <= t.i < ent.end))
        for t in pool:
            if ent.start <= t.i < ent.end:
                continue
            sub = self.ent_of(t)
            text = sub.text if sub is not None and sub.label_ != "PERSON" else t.text
            code = self.code(text)
            if code is not None:
                return code
        return None


# "By the authority vested in me as President by the Constitution and the laws of the United States
# of America", "BY THE PRESIDENT OF THE UNITED STATES OF AMERICA": an order's opening names its author.
_AUTHOR = re.compile(r"\b(?:president|prime minister|chancellor)\b(?: by the constitution and the laws)? of "
                     r"((?:the )?[a-z][a-z ’'.-]{2,40})", re.IGNORECASE)
# "NOW, THEREFORE, I, JOSEPH R. BIDEN JR., President of the United States of America": a proclamation
# names its author where it starts to order, after its recitals.
_SIGNATURE = re.compile(r"\bI, [A-Z][A-Z. ]+,? (?:President|Prime Minister|Chancellor) of ((?:the )?[A-Z][A-Za-z ’'.-]{2,40})")


def author_country(text: str, opening: int = 1500) -> str | None:
    """The country of the office that issues a first-person order, from its opening lines.

    >>> author_country("By the authority vested in me as President by the Constitution and the laws of "
    ...                "the United States of America, I hereby order:")
    'US'
    >>> author_country("BY THE PRESIDENT OF THE UNITED STATES OF AMERICA\\n\\nA PROCLAMATION")
    'US'
    >>> author_country("1. On January 19, 2018, the Secretary ... NOW, THEREFORE, I, JOSEPH R. BIDEN JR., "
    ...                "President of the United States of America, by the authority vested in me")
    'US'
    >>> author_country("The President of France said on Monday that tariffs would rise.") is None
    True
    """
    head = text[:opening]
    opens = re.search(r"\b(?:I|me)\b", head) or re.search(r"\bPROCLAMATION\b", head)
    for m in (_AUTHOR.search(head) if opens else None, _SIGNATURE.search(text)):
        words = m.group(1).split() if m is not None else []
        for k in range(len(words), 0, -1):
            code = country_code(" ".join(w if w.lower() in ("of", "the", "and") else w.capitalize() for w in words[:k]))
            if code is not None:
                return code
    return None
