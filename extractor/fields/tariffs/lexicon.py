"""The word lists of the tariffs component (``data/tariff_*.json``, read through the
component's tables) and the parse labels its rules read."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.fields.companies.names import ambiguous_forms
from extractor.lexicon.tables import Tables, derived


_NOUNS = ("NOUN", "PROPN")
_VERBS = ("VERB", "AUX")
_MOD_DEPS = ("compound", "amod", "nummod", "nmod", "npadvmod", "quantmod", "dep")
_SUBJ_DEPS = ("nsubj", "nsubjpass", "csubj")
_MARK = re.compile(r"%|\uff05|per|pct|pc", re.IGNORECASE)
_COPULAS = frozenset(("is", "are", "was", "were", "be", "been", "being", "remain", "remains", "remained", "'s", "'re"))
_PRONOUNS = frozenset(("he", "she", "it", "they", "we"))
_STATUS_RANK = ("threatened", "proposed", "previous", "imposed")
_SEVERAL = "*"  # a target slot naming several or all countries (target null, nothing carried)


@dataclass
class _ContextLexicon:
    """Words of the context rules (``tariff_lexicon.json`` ``context``): percentages without a
    tariff noun in a tariff article."""

    min_doc_keywords: int
    rate_nouns: frozenset[str]
    change_nouns: frozenset[str]
    pay_verbs: frozenset[str]
    move_verbs: frozenset[str]
    subject_goods: frozenset[str]
    non_tariff: frozenset[str]
    bracket_lead_words: frozenset[str]  # "Turkey (an average of 31 percent)": before a bracketed rate
    bullets: tuple[str, ...]
    headline_kw: re.Pattern
    headline_after: int
    combined_words: frozenset[str]
    bound_words: frozenset[str]  # "no greater than", "as high as an average of": between a tariff noun and its rate
    bound_heads: frozenset[str]  # one of them must bound or compare
    threshold_words: frozenset[str]  # "equal to or greater than": a threshold the goods meet ...
    cap_words: frozenset[str]  # ... unless a cap word makes it a cap ("no greater than")


@dataclass
class _Lexicon:
    """The tariff lexicon (``tariff_lexicon.json``; products and actors from their own tables),
    one field per word list; word forms are listed in full (no lemmatizer)."""

    keyword_re: re.Pattern  # a tariff word in the text (sentences without one are skipped)
    strong: frozenset[str]  # tariff nouns: tariff, duty, levy
    weak: frozenset[str]  # nouns that are a tariff when the parse marks them: rate, tax
    markers: frozenset[str]  # modifiers that mark a weak noun: reciprocal, import
    goods: frozenset[str]
    actor_nouns: frozenset[str]
    impose: frozenset[str]  # verbs whose subject imposes the tariff
    target_subject: frozenset[str]  # verbs whose subject is the target: face, pay
    hit_with: frozenset[str]  # 'Canada Hit With 35% Tariff': a participle whose subject is the target
    status: dict[str, str]  # cue word -> status (the stronger cue when a word has two)
    threat_words: frozenset[str]
    previous_words: frozenset[str]
    modals_threat: frozenset[str]
    modals_proposed: frozenset[str]
    threat_with_modal: frozenset[str]
    future_proposed: frozenset[str]
    change_preps: frozenset[str]
    change_adverbs: frozenset[str]
    change_nouns: frozenset[str]
    previous_preps: frozenset[str]
    target_preps: frozenset[str]
    imposer_preps: frozenset[str]
    relative: frozenset[str]
    previous_adverbs: frozenset[str]
    previous_frames: frozenset[str]
    suspend_words: frozenset[str]
    epistemic_verbs: frozenset[str]
    persist_verbs: frozenset[str]
    in_force_words: frozenset[str]
    apply_to_verbs: frozenset[str]
    entry_verbs: frozenset[str]
    anaphoric: frozenset[str]  # "those articles": goods named earlier in the sentence
    part_preps: frozenset[str]  # "articles of China (including articles of the Hong Kong SAR)"
    outside_preps: frozenset[str]  # "iPhones made outside the United States": no target
    sum_nouns: frozenset[str]  # "the sum of the MFN tariff and the section 301 tariff shall be 10 percent"
    reach_verbs: frozenset[str]
    place_preps: frozenset[str]  # "the average tariffs in the European Union": its country imposes them
    partitives: frozenset[str]  # "has one of the lowest tariff rates in the world at 3.3%"
    rule_modals: frozenset[str]  # "shall be 15 percent": a rate set by rule
    partitive_preps: frozenset[str]  # "has among the lowest tariff rates in the world at 3.3 percent"
    false_subjects: frozenset[str]  # "the tariff imposed pursuant to section 232 ... shall not exceed 10 percent"
    deal_nouns: frozenset[str]
    retaliation_words: frozenset[str]
    change_from: frozenset[str]
    several: frozenset[str]  # target words naming several or all countries
    several_dets: frozenset[str]
    several_singulars: frozenset[str]
    own_schedule: frozenset[str]
    previous_time: frozenset[str]
    replace_verbs: frozenset[str]
    amendment_verbs: frozenset[str]
    schedules: dict[str, str]  # "HTSUS" -> "US": whose schedule an amendment changes
    weak_noun_object_verbs: frozenset[str]
    product_deposit_nouns: frozenset[str]
    article_window: int
    list_status: dict[str, str | None]  # status phrase of a list line -> status (None: suspended)
    list_status_re: re.Pattern
    products: dict[str, str]  # word form -> product label
    actors: dict[str, str]  # known actor -> country
    cx: _ContextLexicon


@derived
def _lex(t: Tables) -> _Lexicon:
    """The tariff lexicon of the current tables, built once per Tables."""
    lex = t["tariff_lexicon.json"]
    products = {}
    for label, forms in t["tariff_products.json"]["products"].items():
        for form in forms:
            products[form] = label
    status = {}
    for st in reversed(_STATUS_RANK):  # the stronger cue wins when a word has two
        for w in lex["status_words"][st]:
            status[w] = st
    return _Lexicon(
        keyword_re=re.compile(lex["keyword_regex"], re.IGNORECASE),
        strong=frozenset(lex["strong_nouns"]),
        weak=frozenset(lex["weak_nouns"]),
        markers=frozenset(lex["weak_noun_markers"]),
        goods=frozenset(lex["goods_nouns"]),
        actor_nouns=frozenset(lex["actor_nouns"]),
        impose=frozenset(lex["impose_verbs"]),
        target_subject=frozenset(lex["target_subject_verbs"]),
        hit_with=frozenset(lex["hit_with_verbs"]),
        status=status,
        threat_words=frozenset(lex["status_words"]["threatened"]),
        previous_words=frozenset(lex["status_words"]["previous"]),
        modals_threat=frozenset(lex["modals_threatened"]),
        modals_proposed=frozenset(lex["modals_proposed"]),
        threat_with_modal=frozenset(lex["verbs_threat_with_modal"]),
        future_proposed=frozenset(lex["future_impose_proposed"]),
        change_preps=frozenset(lex["change_preps"]),
        change_adverbs=frozenset(lex["change_adverbs"]),
        change_nouns=frozenset(lex["change_nouns"]),
        previous_preps=frozenset(lex["previous_preps"]),
        target_preps=frozenset(lex["target_preps"]),
        imposer_preps=frozenset(lex["imposer_preps_in_goods"]),
        relative=frozenset(lex["relative_pronouns"]),
        previous_adverbs=frozenset(lex["previous_adverbs"]),
        previous_frames=frozenset(lex["previous_frames"]),
        suspend_words=frozenset(lex["suspend_words"]),
        epistemic_verbs=frozenset(lex["epistemic_verbs"]),
        persist_verbs=frozenset(lex["persist_verbs"]),
        in_force_words=frozenset(lex["in_force_words"]),
        apply_to_verbs=frozenset(lex["apply_to_verbs"]),
        entry_verbs=frozenset(lex["entry_verbs"]),
        anaphoric=frozenset(lex.get("anaphoric_determiners", ())),
        part_preps=frozenset(lex.get("part_preps", ())),
        outside_preps=frozenset(lex.get("outside_preps", ())),
        sum_nouns=frozenset(lex.get("sum_nouns", ())),
        reach_verbs=frozenset(lex["reach_verbs"]),
        false_subjects=frozenset(lex.get("false_subjects", ())),
        partitives=frozenset(lex["partitives"]),
        rule_modals=frozenset(lex["rule_modals"]),
        partitive_preps=frozenset(lex.get("partitive_preps", ())),
        place_preps=frozenset(lex.get("imposer_place_preps", ())),
        deal_nouns=frozenset(lex.get("deal_nouns", ())),
        retaliation_words=frozenset(lex.get("retaliation_words", ())),
        change_from=frozenset(lex["change_from_heads"]),
        several=frozenset(lex["several_targets"]),
        several_dets=frozenset(lex["several_determiners"]),
        several_singulars=frozenset(lex["several_singulars"]),
        own_schedule=frozenset(lex["own_schedule_modifiers"]),
        previous_time=frozenset(lex["previous_time_preps"]),
        replace_verbs=frozenset(lex["replace_verbs"]),
        amendment_verbs=frozenset(lex.get("amendment_verbs", ())),
        schedules=dict(lex.get("national_schedules", {})),
        weak_noun_object_verbs=frozenset(lex["weak_noun_object_verbs"]),
        product_deposit_nouns=frozenset(lex["product_deposit_nouns"]),
        article_window=lex["article_roles_window"],
        list_status=lex["list_status_phrases"],
        list_status_re=re.compile(
            r"\b(%s)\b" % "|".join(sorted(map(re.escape, lex["list_status_phrases"]), key=len, reverse=True)),
            re.IGNORECASE,
        ),
        products=products,
        actors=t["tariff_actors.json"]["actors"],
        cx=_context_lexicon(lex["context"]),
    )


def _context_lexicon(c: dict) -> _ContextLexicon:
    return _ContextLexicon(
        min_doc_keywords=c["min_doc_keywords"],
        rate_nouns=frozenset(c["rate_nouns"]),
        change_nouns=frozenset(c["change_nouns"]),
        pay_verbs=frozenset(c["pay_verbs"]),
        move_verbs=frozenset(c["move_verbs"]),
        subject_goods=frozenset(c["subject_goods_words"]),
        non_tariff=frozenset(c["non_tariff_words"]),
        bracket_lead_words=frozenset(c["bracket_lead_words"]),
        bullets=tuple(c["list_bullets"]),
        headline_kw=re.compile(r"\A%s\Z" % c["headline_keyword_regex"], re.IGNORECASE),
        headline_after=c["headline_after_words"],
        combined_words=frozenset(c["combined_words"]),
        bound_words=frozenset(c.get("bound_words", ())),
        bound_heads=frozenset(c.get("bound_heads", ())),
        threshold_words=frozenset(c.get("threshold_words", ())),
        cap_words=frozenset(c.get("cap_words", ())),
    )


@derived
def _company_countries(t: Tables) -> dict[str, str]:
    """Home country of the companies the gazetteer knows (name and unambiguous aliases)."""
    out = {}
    for row in t["companies.jsonl"]:
        country = row.get("country")
        if not country:
            continue
        ambiguous = ambiguous_forms(row)
        for name in [row.get("name")] + [x for x in row.get("aliases", []) if isinstance(x, str)]:
            if name and name not in ambiguous:
                out.setdefault(name, country)
    return out
