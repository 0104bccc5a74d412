"""Token-level helpers of the companies component: where a name next to a cue starts and ends,
how a model span is trimmed and split. A mixin: they read the component's word tables."""

from __future__ import annotations

from typing import Optional

from extractor.fields.companies.names import DETERMINERS, FUNCTION_POS, POSSESSIVE, place_code

_JOINERS = ("&", "-")


class NameWalker:
    """Name boundaries on tokens (``title_words``, ``suffixes``, ``strong_suffixes`` and the
    key look-ups come from the component)."""

    @staticmethod
    def _name_token(t) -> bool:
        text = t.text
        if text in _JOINERS:
            return True
        return bool(text) and (text[0].isupper() or text[0].isdigit() and t.is_upper or t.pos_ == "PROPN") \
            and text not in ("'s", "’s")

    def _walk_after(self, doc, i, limit=8):
        """The name that starts at token ``i`` (``the`` skipped): (start, end) or None."""
        n = len(doc)
        if i < n and doc[i].lower_ == "the":
            i += 1
        j = i
        while j < n and j - i < limit and self._name_token(doc[j]):
            if doc[j].text in _JOINERS and (j == i or j + 1 >= n or not self._name_token(doc[j + 1])):
                break
            if doc[j].lower_ in DETERMINERS:
                break
            j += 1
        return (i, j) if j > i and doc[i].text[:1].isupper() or (j > i and doc[i].pos_ == "PROPN") else None

    def _extends_back(self, doc, s, j) -> bool:
        """Whether the name ending at ``j`` and starting at ``s`` takes token ``s - 1`` too."""
        t = doc[s - 1]
        if t.text in _JOINERS and (s - 1 == 0 or not self._name_token(doc[s - 2])):
            return False
        if t.lower_ in self.title_words and s < j:
            return False
        # "Most Tokyo strategists", "Some Acme shares"
        return not (t.is_stop and t.pos_ in FUNCTION_POS | {"ADJ"})

    def _walk_before(self, doc, i, limit=8):
        """The name that ends just before token ``i`` (a possessive skipped): (start, end) or None."""
        j = i
        if j > 0 and doc[j - 1].text in POSSESSIVE:
            j -= 1
        s = j
        while s > 0 and j - s < limit and self._name_token(doc[s - 1]) and doc[s - 1].lower_ not in DETERMINERS:
            if not self._extends_back(doc, s, j):
                break
            s -= 1
        while s < j and doc[s].text in _JOINERS:
            s += 1
        return (s, j) if j > s else None

    def _trim(self, doc, s, e):
        """Trim a model span: leading determiners/punctuation, trailing possessive, punctuation,
        title words and lowercase words."""
        while s < e and self._drops_first(doc, s, e):
            s += 1
        e = self._cut_at_break(doc, s, e)
        e = self._cut_at_person(doc, s, e)
        while e > s and self._drops_last(doc, s, e):
            e -= 1
        return s, e

    def _drops_first(self, doc, s, e) -> bool:
        t = doc[s]
        if t.text == "The" and not t.is_sent_start and e - s > 1 and s > 0 and not doc[s - 1].is_punct:
            return False  # "chief executive of The Officers Club": a capital "The" inside a sentence is the name's
        return (t.lower_ in DETERMINERS or t.is_punct or t.is_space
                or (t.lower_ in self.title_words and e - s > 1)  # "Chairman Chung Eui-sun"
                or (t.text[:1].islower() and t.pos_ != "PROPN" and e - s > 1 and doc[s + 1].text[:1].isupper()))

    def _cut_at_person(self, doc, s, e) -> int:
        """"Fox Business Network’s Cheryl Casone", "Essar's Ravi Ruia": the name stops at a
        possessive that a person's given name follows."""
        for i in range(s + 1, e - 2):
            if doc[i].text in POSSESSIVE and doc[i + 1].text in self.given_names and doc[i + 2].text[:1].isupper():
                return i
        return e

    @staticmethod
    def _cut_at_break(doc, s, e) -> int:
        """The name stops at an unclosed bracket ("Japan Bank for International Cooperation
        (JBIC"), a colon ("Microsoft / Constellation: Crane") and a line break ("at StoneX.\\n\\n")."""
        for i in range(s + 1, e):
            if doc[i].text == "(" and not any(doc[k].text == ")" for k in range(i + 1, e)) or doc[i].text == ":" \
                    or "\n" in doc[i - 1].whitespace_ or (doc[i].is_space and "\n" in doc[i].text):
                return i
        return e

    def _drops_last(self, doc, s, e) -> bool:
        t = doc[e - 1]
        if t.text in POSSESSIVE or (t.is_punct and t.text != ")") or t.is_space:
            return True
        if t.lower_ == "board" and t.is_title and e - s >= 3:
            return False  # "Canada Pension Plan Investment Board": a fund's name, not a title
        return e - 1 > s and (t.lower_ in self.title_words or (t.text[:1].islower() and t.pos_ != "PROPN"))

    def _strong_end(self, t) -> bool:
        """A token that is a legal-form suffix as written ("Ltd", "Limited"; not the verb "limited")."""
        return t.lower_ in self.strong_suffixes and not (t.is_lower and t.is_alpha)

    @staticmethod
    def _plain_name(doc, s, e) -> bool:
        """Capitalised words only, not led by a function word ("In Tokyo") or a symbol ("C$")."""
        return doc[s].text[:1].isupper() and doc[s].pos_ not in FUNCTION_POS and all(
            t.text in _JOINERS or t.text.replace("-", "").replace(".", "").replace("&", "").isalnum() for t in doc[s:e])

    def _split_list(self, doc, s, e):
        """A model span over a list of names ("Last Energy and Deep Fission") -> its names.
        Each part must start with a capital; otherwise the span is kept whole."""
        slashes = [i for i in range(s + 1, e - 1) if doc[i].text == "/" and doc[i + 1].text[:1].isupper()]
        if slashes:
            # "Amazon / Talen Energy": a pairing of names, each its own.
            bounds = [s - 1, *slashes, e]
            return [(a + 1, b) for a, b in zip(bounds, bounds[1:]) if b > a + 1]
        tos = [i for i in range(s + 1, e - 1) if doc[i].text == "to" and doc[i + 1].text[:1].isupper()]
        if tos:
            # "sell Zimbra to VMWare Inc.": the model ran a deal's two parties together.
            bounds = [s - 1, *tos, e]
            return [(a + 1, b) for a, b in zip(bounds, bounds[1:]) if b > a + 1]
        cuts = [i for i in range(s + 1, e - 1) if doc[i].lower_ in ("and", ",") and doc[i - 1].text[:1].isupper()]
        if not cuts or self._whole_name(doc, s, e):
            return [(s, e)]
        parts = self._parts(doc, s, e, cuts)
        if all(b > a and doc[a].text[:1].isupper() and doc[b - 1].text[:1].isupper() for a, b in parts) and all(
                b - a >= 2 or self.key(doc[a:b].text) in self.key_index for a, b in parts):
            return parts
        return [(s, e)]

    def _whole_name(self, doc, s, e) -> bool:
        """A listed name, or one with "of"/"for" in it: not to be split."""
        whole = self.key(doc[s:e].text)
        return whole in self.key_index or whole in self.non_company_keys or whole in self.outlet_keys \
            or any(t.lower_ in ("of", "for") for t in doc[s:e])

    @staticmethod
    def _parts(doc, s, e, cuts):
        parts, a = [], s
        for i in cuts:
            parts.append((a, i))
            a = i + 1
            if doc[a].lower_ == "and":
                a += 1
        parts.append((a, e))
        return parts

    def _extend_suffix(self, doc, e, limit=3):
        """Extend a name ending at ``e`` over legal suffixes (``Toshiba`` -> ``Toshiba Group``)."""
        n = len(doc)
        k = e
        steps = 0
        while k < n and steps < limit:
            t = doc[k]
            if t.lower_ in self.suffixes and not (not t.whitespace_ and k + 1 < n and doc[k + 1].text == "-"):
                k += 1  # not "Facebook co-founder"
                e = k
            elif t.text == "," and k + 1 < n and doc[k + 1].lower_ in self.strong_suffixes:
                k += 1
            else:
                break
            steps += 1
        return e

    @staticmethod
    def _country_in(doc, s, e) -> Optional[str]:
        for i in range(max(s, 0), min(e, len(doc))):
            code = place_code(doc[i].text)
            if code:
                return code
            if i + 1 < e:
                code = place_code(doc[i].text + " " + doc[i + 1].text)
                if code:
                    return code
        return None
