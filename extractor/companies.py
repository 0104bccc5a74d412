"""PLACEHOLDER: replaced by the real component."""
from spacy.language import Language
from . import extensions  # noqa: F401


@Language.factory("companies")
def make_companies(nlp, name):
    def component(doc):
        doc._.companies = []
        return doc
    return component
