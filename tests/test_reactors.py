"""Reactor designs and classes (doc._.reactors): tables of news-style sentences."""

import pytest

from extractor.fields.reactors import alias_variants


def reactors(nlp, text):
    doc = nlp(text)
    for r in doc._.reactors:
        for m in r["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
    return {r["design"]: r for r in doc._.reactors}


FOUND = [
    # (id, sentence, design, mention texts, category, vendor)
    ("ap1000-span", "Westinghouse will build AP1000 nuclear reactors in Poland.", "AP1000", ["AP1000"], "large", "Westinghouse"),
    ("ap1000-plural", "Bulgaria plans two AP1000s at Kozloduy.", "AP1000", ["AP1000s"], "large", "Westinghouse"),
    ("ap1000-hyphen", "The AP-1000 design won approval.", "AP1000", ["AP-1000"], "large", "Westinghouse"),
    ("bwrx", "OPG is building four BWRX-300 units at Darlington.", "BWRX-300", ["BWRX-300"], "small_modular", "GE Vernova Hitachi"),
    ("bwrx-nohyphen", "TVA picked the BWRX300 for Clinch River.", "BWRX-300", ["BWRX300"], "small_modular", "GE Vernova Hitachi"),
    ("apr1400", "KHNP offered its APR1400 to the Czech utility.", "APR1400", ["APR1400"], "large", "KHNP"),
    ("epr-long", "Hinkley Point C uses the European Pressurized Reactor design.", "EPR", ["European Pressurized Reactor"], "large", "EDF"),
    ("epr2", "EDF will build six EPR2 reactors in France.", "EPR2", ["EPR2"], "large", "EDF"),
    # Jointly developed designs have no single vendor (annotators' decision).
    ("hualong-alias", "The HPR1000 reactor, also called Hualong One, entered service.", "Hualong One", ["HPR1000", "Hualong One"], "large", None),
    ("hualong-short", "Pakistan bought a Hualong One; Egypt weighs a Hualong reactor too.", "Hualong One", ["Hualong One", "Hualong"], "large", None),
    ("abwr-no-vendor", "Japan's ABWR units were built in the 1990s.", "ABWR", ["ABWR"], "large", None),
    ("cap1000-vendor", "China approved two CAP1000 units in Shandong.", "CAP1000", ["CAP1000"], "large", "State Power Investment Corp."),
    ("kaleidos-vendor", "Radiant Industries will test its Kaleidos microreactor in Idaho.", "Kaleidos", ["Kaleidos"], "micro", "Radiant Industries"),
    ("aalo-x", "Aalo Atomics hopes to switch on its Aalo-X in Idaho next year.", "Aalo-X", ["Aalo-X"], "micro", "Aalo Atomics"),
    ("srz-1200", "Kansai Electric is studying the SRZ-1200 for a new station.", "SRZ-1200", ["SRZ-1200"], "large", "Mitsubishi Heavy Industries"),
    ("aurora-megawatt", "Oklo said its 75-megawatt Aurora powerhouse could run for a decade.", "Aurora", ["Aurora powerhouse"], "small_modular", "Oklo"),
    ("epr-with-design", "Critics note that EPR and AP1000 builds ran years late.", "EPR", ["EPR"], "large", "EDF"),
    ("epr-with-vendor", "At the Normandy site, where EDF plans to build two EPRs, costs have doubled.", "EPR", ["EPRs"], "large", "EDF"),
    ("vver", "Rosatom's VVER-1200 units at Akkuyu are delayed.", "VVER-1200", ["VVER-1200"], "large", "Rosatom"),
    ("natrium", "TerraPower broke ground on its Natrium plant in Wyoming.", "Natrium", ["Natrium"], "small_modular", "TerraPower"),
    ("xe100", "Dow chose X-energy's Xe-100 for its Texas site.", "Xe-100", ["Xe-100"], "small_modular", "X-energy"),
    ("voygr-module", "Each NuScale Power Module produces 77 megawatts.", "VOYGR", ["NuScale Power Module"], "small_modular", "NuScale Power"),
    ("smr300", "Holtec plans two SMR-300 units at Palisades.", "SMR-300", ["SMR-300"], "small_modular", "Holtec International"),
    ("evinci", "Westinghouse's eVinci microreactor won funding.", "eVinci", ["eVinci"], "micro", "Westinghouse"),
    ("linglong", "China's Linglong One is the first land-based SMR.", "ACP100", ["Linglong One"], "small_modular", "CNNC"),
    ("rolls", "Every Rolls-Royce SMR unit would produce 470 megawatts.", "Rolls-Royce SMR", ["Rolls-Royce SMR"], "small_modular", "Rolls-Royce SMR"),
    ("smr-class", "Japan backs small modular reactors (SMR) and other SMRs.", "SMR", ["small modular reactors", "SMR", "SMRs"], "class", None),
    ("small-reactor", "GE Vernova is advancing small reactor projects.", "SMR", ["small reactor"], "class", None),
    ("mini", "Startups pitch mini-reactors for data centres.", "SMR", ["mini-reactors"], "class", None),
    ("micro", "The Army wants micro-reactors and microreactors at bases.", "microreactor", ["micro-reactors", "microreactors"], "class", None),
    ("pwr", "Most plants are pressurised water reactors.", "PWR", ["pressurised water reactors"], "class", None),
    ("bwr", "Fukushima Daiichi had boiling water reactors.", "BWR", ["boiling water reactors"], "class", None),
]


@pytest.mark.parametrize("text,design,texts,category,vendor", [r[1:] for r in FOUND], ids=[r[0] for r in FOUND])
def test_found(nlp, text, design, texts, category, vendor):
    found = reactors(nlp, text)
    assert design in found, found
    r = found[design]
    assert [m["text"] for m in r["mentions"]] == texts
    assert r["category"] == category
    assert r["vendor"] == vendor


NOT_REACTORS = [
    ("plain-reactors", "Japan restarted two nuclear reactors last year."),
    ("power-plants", "Nuclear power plants supply a third of the grid."),
    ("parts", "The firm makes reactor parts and turbines."),
    ("epr-no-context", "The EPR rules cover packaging waste."),
    ("ticker", "NuScale (NYSE: SMR) shares jumped."),
    ("company-named-like-design", "Rolls-Royce SMR said on Tuesday it had hired 200 engineers."),
]


@pytest.mark.parametrize("text", [r[1] for r in NOT_REACTORS], ids=[r[0] for r in NOT_REACTORS])
def test_not_reactors(nlp, text):
    assert reactors(nlp, text) == {}


def test_longest_match_design_over_class(nlp):
    found = reactors(nlp, "Holtec's SMR-300 is a small modular reactor.")
    assert [m["text"] for m in found["SMR-300"]["mentions"]] == ["SMR-300"]
    assert [m["text"] for m in found["SMR"]["mentions"]] == ["small modular reactor"]


@pytest.mark.parametrize(
    "alias,expected",
    [("AP1000", ["AP1000", "AP-1000", "AP 1000", "AP1000s"]), ("Hualong One", ["Hualong One"])],
    ids=["letter-digit", "words"],
)
def test_alias_variants(alias, expected):
    assert alias_variants(alias) == expected


def test_seed_article(seed_record, seed_text):
    found = {r.design: r for r in seed_record.reactors}
    assert set(found) == {"AP1000", "SMR"}
    ap = found["AP1000"]
    assert (ap.category, ap.vendor) == ("large", "Westinghouse")
    assert [m.text for m in ap.mentions] == ["AP1000", "AP1000"]
    smr = found["SMR"]
    assert smr.category == "class" and smr.vendor is None
    texts = [m.text for m in smr.mentions]
    assert texts.count("small modular reactors") == 2
    assert "SMR" in texts and texts.count("small reactor") == 2
    for m in ap.mentions + smr.mentions:
        assert seed_text[m.start:m.end] == m.text
