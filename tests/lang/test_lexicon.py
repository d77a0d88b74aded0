"""The aligner's word-by-word lexicon (pipeline/lang/lexicon.py): dictionaries of record, no model."""
from pipeline.lang.lexicon import chinese_word, english_bag, english_words, overlap, thai_word


def test_english_words_drop_stop_words_and_strip_inflection():
    words = english_words("The ministries are building new charging stations")
    assert "the" not in words and "are" not in words
    assert {"ministri", "build", "charg", "station"} & words


def test_chinese_words_translate_through_cedict():
    assert "technology" in chinese_word("技术")
    assert chinese_word("不是一个词语吗呢") == frozenset()


def test_thai_words_translate_through_transliteration_and_wordnet():
    assert "technology" in thai_word("เทคโนโลยี")
    assert any(sense.startswith("wn:") for sense in thai_word("รถไฟ"))


def test_a_chinese_and_an_english_text_meet_on_their_words():
    zh = english_bag("加快发展新能源汽车产业", "zh")
    en = english_bag("accelerate the development of the new energy vehicle industry", "en")
    unrelated = english_bag("the football season opened with a draw", "en")
    assert overlap(zh, en) > overlap(zh, unrelated)
    assert "zh:新能源" in zh or "zh:产业" in zh    # the original words stay in the bag


def test_overlap_is_shared_words_over_the_smaller_bag():
    assert overlap(frozenset("ab"), frozenset("abcd")) == 1.0
    assert overlap(frozenset("ab"), frozenset()) == 0.0
