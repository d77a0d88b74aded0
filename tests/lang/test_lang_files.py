"""Every language file in configs/lang/ keeps the contract the stages rely on (the start of the
language-data contract: a new language is a file that passes these checks)."""
import pytest

from pipeline.config import SUPPORTED_LANGS, lang_data


def test_the_languages_are_the_files_in_configs_lang():
    from pipeline.config import CONFIG_DIR

    assert SUPPORTED_LANGS == tuple(sorted(p.stem for p in (CONFIG_DIR / "lang").glob("*.yaml")))
    assert set(SUPPORTED_LANGS) >= {"th", "zh", "en"}


@pytest.mark.parametrize("lang", SUPPORTED_LANGS)
def test_a_language_file_names_itself_and_its_detector_language(lang):
    from lingua import Language

    from pipeline.lang.detect import codes

    data = lang_data(lang)
    assert data.lang == lang
    assert hasattr(Language, data.lingua) and codes()[data.lingua] == lang


def test_the_cli_offers_every_language_and_auto():
    from pipeline.cli import Lang

    assert [choice.value for choice in Lang] == ["auto", *SUPPORTED_LANGS]


@pytest.mark.parametrize("lang", SUPPORTED_LANGS)
def test_a_language_file_names_registered_code(lang):
    from pipeline.registry import registry

    data = lang_data(lang)
    words = registry.word_segmenters.get(data.segmenter)
    assert isinstance(words("2025年 ภายในปี 2025 by 2025"), list)
    if data.lexicon is not None:
        assert isinstance(registry.lexicons.get(data.lexicon)("x"), frozenset)
    if data.number_word_reader != "table":   # "table": read from the file's own number words
        registry.number_word_readers.get(data.number_word_reader)
    if data.label_reader is not None:
        assert registry.number_word_readers.get(data.label_reader)("十四") == 14
    if data.ner is not None:
        assert callable(registry.ner_backends.get(data.ner.engine))


def test_an_unknown_registered_name_is_a_clear_error():
    from pipeline.errors import ConfigError
    from pipeline.registry import registry

    with pytest.raises(ConfigError, match="no word segmenter registered as 'xx.none.v1'"):
        registry.word_segmenters.get("xx.none.v1")


def test_a_pattern_without_the_groups_its_stage_reads_is_refused_at_load(tmp_path):
    from pipeline.config import CONFIG_DIR, _check_patterns
    from pipeline.errors import ConfigError

    data = lang_data("en").model_copy(deep=True)
    data.heading_styles[0].pattern = r"[IVX]{1,5}\.\s+"      # no `num`: the numbering could not be read
    with pytest.raises(ConfigError, match=r"heading_styles: .* lacks the named group num"):
        _check_patterns(CONFIG_DIR / "lang" / "en.yaml", data)
    data = lang_data("zh").model_copy(deep=True)
    data.deadline_patterns = [r"到\d{4}年"]                   # no `year`
    with pytest.raises(ConfigError, match="deadline_patterns: .* lacks the named group year"):
        _check_patterns(CONFIG_DIR / "lang" / "zh.yaml", data)


@pytest.mark.parametrize("lang", SUPPORTED_LANGS)
def test_placeholders_are_expanded_in_every_pattern(lang):
    from pipeline.config import PLACEHOLDER

    data = lang_data(lang)
    patterns = [p for field in ("deadline_patterns", "year_patterns", "date_patterns", "dateline_patterns",
                                "plan_period_patterns", "relative_deadline_patterns")
                for p in getattr(data, field)]
    patterns += [data.bullet_pattern, *(h.pattern for h in data.heading_styles), *(p.pattern for p in data.per_patterns)]
    assert not [p for p in patterns if PLACEHOLDER.search(p)]


def test_thai_placeholders_read_native_digits_and_the_era():
    import re

    [deadline] = [p for p in lang_data("th").deadline_patterns if p.startswith("ภายใน(?:สิ้น)?(?:ปี)?")]
    match = re.match(deadline, "ภายในปี พ.ศ. ๒๕๖๘")
    assert (match.group("era"), match.group("year")) == ("พ.ศ.", "๒๕๖๘")


def test_an_unknown_placeholder_is_refused_with_its_file_named(tmp_path, monkeypatch):
    import yaml

    from pipeline import config
    from pipeline.errors import ConfigError

    raw = yaml.safe_load((config.CONFIG_DIR / "lang" / "en.yaml").read_text(encoding="utf-8"))
    raw["deadline_patterns"] = [r"\bby\s+{YAER}"]
    (tmp_path / "lang").mkdir()
    (tmp_path / "lang" / "en.yaml").write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(config, "CONFIG_DIR", tmp_path)
    config.lang_data.cache_clear()
    try:
        with pytest.raises(ConfigError, match=r"en\.yaml: .*unknown placeholder \{YAER\}"):
            config.lang_data("en")
    finally:
        config.lang_data.cache_clear()
