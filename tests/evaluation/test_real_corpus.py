"""The real-document corpus: its gold is well-formed, and every record read from it is grounded."""
import re

import pytest

from pipeline.evaluation.corpus import check_corpus, corpus_documents
from pipeline.evaluation.real import REAL, load_split


def test_every_gold_record_validates_and_quotes_its_text():
    count, problems = check_corpus(REAL)
    assert count >= 100 and not problems, problems[:5]


def test_the_split_covers_every_document_once_and_a_third_is_test():
    split = load_split()
    ids = [d.gold.id for d in corpus_documents(REAL)]
    assert sorted(split) == sorted(ids)
    # The first corpus was split a third to test; batches gathered later for development
    # (split_real.py --dev) and the held-out batches stand apart.
    later = re.compile(r"-(?:dev\d+|heldout\d*)$")
    for lang in ("th", "zh", "en"):
        docs = [d for d in corpus_documents(REAL) if d.gold.lang == lang and not later.search(d.path.parent.name)]
        assert len(docs) >= 30
        assert sum(split[d.gold.id] == "test" for d in docs) >= len(docs) / 3


def test_the_heldout_side_is_unseen_by_training_and_shares_no_group_or_page_with_the_rest():
    split = load_split()
    docs = list(corpus_documents(REAL))
    heldout = [d for d in docs if split[d.gold.id] == "heldout"]
    assert len(heldout) >= 30
    rest = [d for d in docs if split[d.gold.id] != "heldout"]
    page = lambda d: d.gold.source.url or f"{d.gold.source.repository}:{d.gold.source.path}"
    assert not {d.gold.group for d in heldout if d.gold.group} & {d.gold.group for d in rest if d.gold.group}
    assert not {page(d) for d in heldout} & {page(d) for d in rest}


def test_groups_stay_on_one_side_of_the_split():
    split = load_split()
    sides: dict[str, set[str]] = {}
    for d in corpus_documents(REAL):
        if d.gold.group:
            sides.setdefault(d.gold.group, set()).add(split[d.gold.id])
    assert all(len(s) == 1 for s in sides.values()), sides


@pytest.mark.parametrize("doc", [d for d in corpus_documents(REAL) if d.gold.long or d.gold.script == "traditional"
                                 or d.gold.lang == "th"][:40],
                         ids=lambda d: d.gold.id)
def test_records_of_real_documents_quote_their_text_exactly(doc):
    from pipeline.analyze import analyze_file

    record = analyze_file(doc.path, lang=doc.gold.lang)
    for item in record.grounded_items():
        assert record.document.text[item.span[0]:item.span[1]] == item.text
    for target in record.targets:
        for text, span in ((target.metric, target.metric_span), (target.value_text, target.value_span)):
            if span:
                assert record.document.text[span[0]:span[1]] == text


@pytest.mark.parametrize("value, unit, gold_value, gold_unit, same", [
    (200_000_000, "ha", 2_000_000, "km2", True),        # "200 million hectares", written in km2
    (1.2e8, "ha", 1.8e9, "mu", True),                   # 1 ha = 15 mu
    (1.4e12, "jin", 7e8, "tonnes", True),
    (33.33, "percent", 33.3, "percent", True),          # 三分之一, rounded by the annotator
    (33.4, "percent", 33.3, "percent", False),
    (12.4, "percent", 12.0, "percent", False),          # a whole number is not taken as rounded
    (5, "percent", 5, "count", False),                  # dimensionless units never convert
    (100, "USD", 100, "CNY", False),
    (3, "people", 3, "count", True),                    # an alias of the old unit vocabulary
])
def test_the_scorer_takes_an_amount_in_the_gold_unit_at_the_gold_precision(value, unit, gold_value, gold_unit, same):
    from pipeline.evaluation.real import _same_amount
    assert _same_amount(value, unit, gold_value, gold_unit) is same
