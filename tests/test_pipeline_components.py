"""The rule components as spaCy components: saved pipelines, declared needs, user tables.

A saved pipeline folder must be self-contained: ``nlp.to_disk(d)`` then ``Extractor(model=d)``
or plain ``spacy.load(d)`` (our factories come through the ``spacy_factories`` entry point)
gives the same values as the pipeline that was saved, on the whole corpus.
"""

from __future__ import annotations

import copy
from importlib.metadata import entry_points
from pathlib import Path

import pytest
import spacy

from extractor import Extractor, ExtractorError
from extractor.api import Article
from extractor.io.corpus import load_corpus
from extractor.extensions import RECORD_FIELDS
from extractor.pipeline import COMPONENTS, build_pipeline, resolve_components

ROOT = Path(__file__).resolve().parent.parent
SEED_ID = "000_ac318972248fff8a"
RULE_COMPONENTS = ["fast_pos", *COMPONENTS]
FACTORIES = {
    "fast_pos": "extractor.fast_pos:make_fast_pos",
    "money_amounts": "extractor.fields.money:make_money_amounts",
    "tariff_rates": "extractor.fields.tariffs:make_tariff_rates",
    "reactor_designs": "extractor.fields.reactors:make_reactor_designs",
    "companies": "extractor.fields.companies:make_companies",
    "officials": "extractor.fields.officials:make_officials",
    "published_date": "extractor.fields.dates:make_published_date",
    "dates": "extractor.fields.dates:make_dates",
    "investments": "extractor.fields.investments:make_investments",
    "paragraph_breaks": "extractor.pipeline:paragraph_breaks",
    "release_caches": "extractor.pipeline:release_caches",
}
EXTRA_REACTOR = {"design": "Zorblax-7", "category": "smr", "vendor": "Quuxcorp Atomics", "aliases": ["Zorblax-7"]}
EXTRA_COMPANY = {"name": "Quuxcorp Atomics", "country": "NZ", "aliases": ["Quuxcorp"]}
USER_TEXT = "Quuxcorp Atomics said on Monday its Zorblax-7 reactor design would be ready by 2031."


def doc_values(nlp, articles) -> list[dict]:
    """Every ``doc._`` value the rule components write, per article (the caller's date set)."""
    ex = Extractor.__new__(Extractor)  # make_doc without building another pipeline
    ex.nlp, ex.max_chars = nlp, 10**7
    docs = (ex.make_doc(Article(a.text, a.doc_id, a.published)) for a in articles)
    out = []
    for doc in nlp.pipe(docs):
        values = {f: doc._.get(f) for f in RECORD_FIELDS}
        values.update(published=doc._.published, published_source=doc._.published_source)
        out.append(values)
    return out


@pytest.fixture(scope="module")
def articles():
    return load_corpus(ROOT / "corpus")


@pytest.fixture(scope="module")
def saved(nlp, tmp_path_factory):
    path = tmp_path_factory.mktemp("pipeline") / "saved"
    nlp.to_disk(path)
    return path


@pytest.fixture(scope="module")
def original_values(nlp, articles):
    return doc_values(nlp, articles)


def test_saved_pipeline_holds_every_component_and_its_tables(saved):
    assert (saved / "fast_pos" / "patterns.jsonl").stat().st_size > 1000
    assert (saved / "reactor_designs" / "reactors.jsonl").exists()
    assert (saved / "companies" / "companies.jsonl").exists()
    assert (saved / "officials" / "titles.json").exists()
    assert (saved / "tariff_rates" / "tariff_lexicon.json").exists()
    assert (saved / "money_amounts" / "currencies.json").exists()
    assert (saved / "dates" / "date_words.json").exists()


def test_extractor_on_saved_pipeline_gives_the_same_values(saved, articles, original_values):
    reloaded = Extractor(model=str(saved))
    assert reloaded.nlp.pipe_names[-len(COMPONENTS) - 1:-1] == list(COMPONENTS)
    assert doc_values(reloaded.nlp, articles) == original_values


def test_plain_spacy_load_gives_the_same_values(nlp, saved, articles, original_values):
    loaded = spacy.load(saved)
    assert loaded.pipe_names == nlp.pipe_names
    assert loaded.get_pipe("fast_pos").rules == nlp.get_pipe("fast_pos").rules
    assert doc_values(loaded, articles) == original_values


def test_analyze_pipes_reports_no_problems(nlp):
    analysis = nlp.analyze_pipes()
    assert analysis["problems"] and not any(analysis["problems"].values()), analysis["problems"]


def test_factories_declare_what_they_read_and_write(nlp):
    meta = {name: nlp.get_pipe_meta(name) for name in RULE_COMPONENTS}
    assert "doc._.reactors" in meta["companies"].requires
    assert "doc._.companies" in meta["officials"].requires
    assert "doc._.published" in meta["dates"].requires
    assert "doc.sents" in meta["tariff_rates"].requires and "token.dep" in meta["tariff_rates"].requires
    for name in ("tariff_rates", "companies", "officials", "dates"):
        assert "token.pos" in meta[name].requires, name
    assert meta["fast_pos"].assigns == ["token.pos", "token.tag"]
    for name in COMPONENTS:
        assert meta[name].assigns, name


@pytest.mark.parametrize("text, first_sentence", [
    ("Korea Seals 15% Tariff Deal With Washington\n\nThe United States will impose a 15% tariff on Korean goods.",
     "Korea Seals 15% Tariff Deal With Washington"),
    ("HANOI, Aug. 8, 2025 (Asia Trade Wire) - New U.S. tariff rates on Vietnamese goods took effect on Thursday.",
     "HANOI, Aug. 8, 2025 (Asia Trade Wire) -"),
    ("WASHINGTON, DC \u2013 Today, as he signs several orders, President Trump said nuclear power is back.",
     "WASHINGTON, DC \u2013"),
    # a line break inside a paragraph (wire copy) is the parser's to judge: no forced break
    ("Toyota Motor\nCorporation will build a plant in North Carolina.", None),
])
def test_paragraph_breaks_end_sentences_before_the_parser(nlp, text, first_sentence):
    assert nlp.pipe_names.index("paragraph_breaks") < nlp.pipe_names.index("parser")
    doc = nlp(text)
    if first_sentence is None:
        assert not any(t.is_sent_start for t in doc[1:] if t.i > 0 and doc[t.i - 1].text == "\n")
    else:
        assert next(iter(doc.sents)).text.strip() == first_sentence


def test_entry_points_list_exactly_our_factories():
    found = {ep.name: ep.value for ep in entry_points(group="spacy_factories") if ep.value.startswith("extractor.")}
    assert found == FACTORIES


@pytest.mark.parametrize("name", list(FACTORIES))
def test_every_factory_resolves_through_spacy(name):
    nlp = spacy.blank("en")
    assert nlp.has_factory(name) or spacy.registry.factories.get(f"{name}") is not None


# ------------------------------------------------------------------------------ user tables


@pytest.fixture(scope="module")
def user_nlp():
    """A small pipeline (companies and what it needs) with one extra reactor and company."""
    nlp = build_pipeline(components=["companies"])
    reactors = nlp.get_pipe("reactor_designs")
    reactors.initialize(entries=[*reactors.entries, EXTRA_REACTOR])
    companies = nlp.get_pipe("companies")
    companies.initialize(data={"companies.jsonl": [*companies.gazetteer, EXTRA_COMPANY]})
    return nlp


def _user_finds(nlp):
    doc = nlp(USER_TEXT)
    return ([r["design"] for r in doc._.reactors], {c["name"]: c["country"] for c in doc._.companies})


def test_user_tables_are_used(user_nlp):
    designs, companies = _user_finds(user_nlp)
    assert "Zorblax-7" in designs and companies.get("Quuxcorp Atomics") == "NZ"
    # the packaged pipeline knows neither
    plain = build_pipeline(components=["companies"])
    designs, companies = _user_finds(plain)
    assert "Zorblax-7" not in designs and companies.get("Quuxcorp Atomics") != "NZ"


def test_user_tables_survive_to_disk_and_spacy_load(user_nlp, tmp_path):
    user_nlp.to_disk(tmp_path / "user")
    loaded = spacy.load(tmp_path / "user")
    assert _user_finds(loaded) == _user_finds(user_nlp)
    assert EXTRA_REACTOR in loaded.get_pipe("reactor_designs").entries


@pytest.mark.parametrize("name", ["reactor_designs", "companies"])
def test_user_tables_survive_to_bytes(user_nlp, name):
    fresh = build_pipeline(components=["companies"])
    fresh.get_pipe(name).from_bytes(user_nlp.get_pipe(name).to_bytes())
    assert fresh.get_pipe(name).tables.files == user_nlp.get_pipe(name).tables.files


@pytest.mark.parametrize("name", RULE_COMPONENTS)
def test_every_component_round_trips_through_bytes(nlp, name):
    pipe = nlp.get_pipe(name)
    data = pipe.to_bytes()
    clone = copy.copy(pipe)
    assert clone.from_bytes(data) is clone
    assert clone.to_bytes() == data


def test_unknown_user_table_is_refused(nlp):
    with pytest.raises(ValueError, match="unknown data files"):
        nlp.get_pipe("reactor_designs").tables.__class__({"nope.json": {}}, names=["reactors.jsonl"])


# ------------------------------------------------------------------------------ dependencies


def test_officials_alone_brings_what_it_needs(nlp):
    alone = build_pipeline(components=["officials"])
    assert [n for n in alone.pipe_names if n in COMPONENTS] == ["reactor_designs", "companies", "officials"]
    # The seed article (officials only) and one with executives (their companies come from companies).
    articles = load_corpus(ROOT / "corpus", [SEED_ID, "001_westinghouse_us_80bn_deal"])
    full = doc_values(nlp, articles)
    part = doc_values(alone, articles)
    assert full[0]["officials"] and full[1]["executives"]
    for f, p in zip(full, part):
        assert (p["officials"], p["executives"]) == (f["officials"], f["executives"])


def test_resolve_components_orders_dependencies():
    assert resolve_components(["officials"]) == ["reactor_designs", "companies", "officials"]
    assert resolve_components(["dates", "money_amounts"]) == ["money_amounts", "published_date", "dates"]
    assert resolve_components(None) == list(COMPONENTS)


def test_unknown_component_is_a_clear_error():
    with pytest.raises(ExtractorError, match="unknown component.*'offcials'"):
        build_pipeline(components=["offcials"])


def test_tariff_rates_without_a_parser_is_a_clear_error():
    nlp = spacy.blank("en")
    nlp.add_pipe("tariff_rates")
    with pytest.raises(ExtractorError, match="parser"):
        nlp("The United States imposed a 25% tariff on steel.")
    assert nlp("")._.tariffs == []  # an empty Doc has nothing to parse


def test_a_user_table_written_for_an_older_version_gets_the_keys_it_lacks():
    # A lexicon saved before `replace_verbs` and `context.combined_words` existed: the packaged
    # lists fill in, so the saved or user table still loads and gives the same mentions.
    from extractor.lexicon.tables import read_json

    old = read_json("tariff_lexicon.json")
    old.pop("replace_verbs")
    old["context"] = {k: v for k, v in old["context"].items() if k != "combined_words"}
    nlp = build_pipeline(components=["tariff_rates"])
    text = "The new 25% tariff replaced the 10% levy that the United States imposed on Japan in April."
    before = nlp(text)._.tariffs
    nlp.get_pipe("tariff_rates").initialize(data={"tariff_lexicon.json": old})
    assert nlp.get_pipe("tariff_rates").tables["tariff_lexicon.json"]["replace_verbs"]
    assert nlp(text)._.tariffs == before and before
