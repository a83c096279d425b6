import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import arabic as ar
from helpers import normalize, tokenize


# --- the seed's real cases -------------------------------------------------------------

def test_persian_yeh_in_seed_becomes_alef_maqsura(seed_text):
    assert "إلی" in seed_text  # the real mess is there
    out = normalize(seed_text)
    assert "ی" not in out
    assert "إلی" not in out and normalize("إلی") == normalize("إلى") == "الى"


def test_persian_yeh_inside_word_becomes_yeh():
    assert normalize("سیاسة") == "سياسة"
    assert normalize("کان") == "كان"


def test_shadda_removed(seed_text):
    assert "خلّفها" in seed_text
    assert "خلفها" in normalize(seed_text).split()
    assert normalize("تمّ") == "تم"


def test_tanwin_removed():
    assert normalize("مسلحاً") == "مسلحا"


def test_tatweel_before_bracket(seed_text):
    assert "لـ(قسد)" in seed_text
    assert normalize("لـ(قسد)") == "ل(قسد)"
    assert tokenize("لـ(قسد)", normalized=True) == ["ل", "قسد"]


def test_hamza_alef_variants(seed_text):
    assert "الإنتصار" in seed_text
    assert normalize("الإنتصار") == "الانتصار"
    assert normalize("أ إ آ ٱ") == "ا ا ا ا"


def test_hamza_seats_on_waw_and_yeh_are_kept():
    # وحلفائه / وحلفاؤه / وحلفاءه differ by grammatical case; normalize keeps the seat
    # (it is a letter, not a diacritic); split_clitics restores the common stem.
    forms = ["وحلفائه", "وحلفاؤه", "وحلفاءه"]
    assert len({normalize(f) for f in forms}) == 3
    assert {ar.split_clitics(f)[1] for f in forms} == {"حلفاء"}


def test_syria_spellings_stay_distinct_unless_folded():
    assert normalize("سوريا") != normalize("سورية")
    assert normalize("سورية", ta_marbuta=True) == "سوريه"


def test_digits_invisible_spaces_punctuation():
    assert normalize("عام ٢٠١٧ و۱۳۹۶") == "عام 2017 و1396"
    assert normalize("سوريا\u200f\u200b") == "سوريا"
    assert normalize("دير\u00a0\u00a0الزور") == "دير الزور"
    assert normalize("لماذا؟ نعم، لا؛") == "لماذا? نعم, لا;"


def test_options_turn_steps_off():
    assert normalize("خلّفها", diacritics=False) == "خلّفها"
    assert normalize("إلى", alef=False) == "إلى"
    assert normalize("إلى", alef_maqsura=True) == "الي"
    assert normalize("إلی", alef_maqsura=True) == "الي"


def test_normalize_none_and_nan():
    assert normalize(None) == ""
    assert normalize(float("nan")) == ""
    with pytest.raises(TypeError):
        normalize(12)


def test_each_step_function_matches_its_documented_job():
    assert ar.remove_diacritics("مُسَلَّحٌ") == "مسلح"
    assert ar.remove_tatweel("الجيـــش") == "الجيش"
    assert ar.normalize_alef("آخر إلى أن") == "اخر الى ان"
    assert ar.normalize_persian("یکی") == "يكى"
    assert ar.normalize_digits("٣") == "3"
    assert ar.fold_alef_maqsura("على") == "علي"
    assert ar.fold_ta_marbuta("مدينة") == "مدينه"


# --- tokens, stop words, clitics ------------------------------------------------------

def test_tokenize_mixed_scripts_and_marks():
    assert tokenize("خلّفها F-16 عام 2017، (قسد)!") == ["خلّفها", "F", "16", "عام", "2017", "قسد"]
    assert tokenize("") == [] and tokenize(None) == []


def test_stopwords_come_from_the_maintained_list_and_are_extensible():
    sw = ar.stopwords()
    assert len(sw) > 1000  # the arabic-stopwords list, with inflected forms
    assert {"في", "من", "على", "الى", "التي"} <= sw
    assert "البوكمال" not in sw
    assert "البوكمال" in ar.stopwords(extra=["البوكمال"])
    assert "في" not in ar.stopwords(remove=["في"])
    assert ar.remove_stopwords(["في", "مدينة", "البوكمال", "و"]) == ["مدينة", "البوكمال"]


@pytest.mark.parametrize("token, expected", [
    ("وحلفائه", ("و", "حلفاء", "ه")),
    ("لداعش", ("ل", "داعش", "")),
    ("بالبوكمال", ("بال", "بوكمال", "")),
    ("للجيش", ("لل", "جيش", "")),
    ("والبوكمال", ("وال", "بوكمال", "")),
    ("كان", ("", "كان", "")),  # too short to split
])
def test_split_clitics(token, expected):
    assert ar.split_clitics(token) == expected


def test_light_stem_conflates_more_than_clitic_splitting():
    assert ar.light_stem("المسلحين") == ar.light_stem("مسلحون") == "مسلح"


def test_cleaning_report_on_seed(seed_text):
    rep = ar.cleaning_report(seed_text).set_index("step")
    assert rep.loc["diacritics", "chars_changed"] >= 20
    assert rep.loc["persian", "chars_changed"] == 1
    assert rep.loc["tatweel", "chars_changed"] >= 1
    assert rep.loc["ta_marbuta", "chars_changed"] == 0  # off by default
    assert not rep.loc["ta_marbuta", "enabled"]
    assert rep.loc["alef", "example_after"] == ar.normalize_alef(rep.loc["alef", "example_before"])


# --- properties ------------------------------------------------------------------------

ARABIC_HEAVY = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
        st.characters(min_codepoint=0x08A0, max_codepoint=0x08FF),
        st.sampled_from(list(" \t\n\r\u00a0\u200b\u200c\u200d\u200e\u200f\u202b\u2067\ufeff")),
        st.characters(),
    ),
    max_size=80,
)


@settings(max_examples=400, deadline=None)
@given(ARABIC_HEAVY)
def test_normalize_is_idempotent(s):
    once = normalize(s)
    assert normalize(once) == once


@settings(max_examples=200, deadline=None)
@given(ARABIC_HEAVY, st.booleans(), st.booleans(), st.booleans())
def test_normalize_idempotent_with_options(s, maqsura, marbuta, diacritics):
    kw = dict(alef_maqsura=maqsura, ta_marbuta=marbuta, diacritics=diacritics)
    once = normalize(s, **kw)
    assert normalize(once, **kw) == once


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_never_raises_on_any_unicode(s):
    out = normalize(s)
    assert isinstance(out, str)
    assert not any(ch in out for ch in ar.DIACRITICS)
    assert "\u0640" not in out and "ی" not in out
    for tok in tokenize(out):
        assert tok and not any(unicodedata.category(c).startswith("Z") for c in tok)


def test_presentation_forms_from_pdfs_become_letters():
    assert normalize("ﺍﻟﺠﻴﺶ ﻻ") == "الجيش لا"
    assert normalize("ﺍﻟﺠﻴﺶ") == normalize("الجيش")
    assert normalize("ﺍﻟﺠﻴﺶ", presentation=False) != "الجيش"


def test_cleaning_report_shows_invisible_changes():
    rep = ar.cleaning_report("يدعى\u00a0أبو").set_index("step")
    assert "<U+00A0>" in rep.loc["spaces", "example_before"]


@settings(max_examples=400, deadline=None)
@given(ARABIC_HEAVY, st.booleans(), st.booleans())
def test_normalize_fast_path_equals_its_steps_in_order(s, maqsura, marbuta):
    # normalize() merges the steps into a fast path (str.replace + one regex); cleaning_report()
    # applies the step functions one by one. Both must give the same text.
    options = {name: default for name, _, default in ar.NORMALIZE_STEPS}
    options.update(alef_maqsura=maqsura, ta_marbuta=marbuta)
    stepwise = s
    for name, func, _ in ar.NORMALIZE_STEPS:
        if options[name]:
            stepwise = func(stepwise)
    assert normalize(s, alef_maqsura=maqsura, ta_marbuta=marbuta) == stepwise


# --- the fast path (str.replace for frequent characters, a regex for rare ones) ----------------

def _stepwise(s: str, **options) -> str:
    """The reference: each step function applied in order (as cleaning_report applies them)."""
    chosen = {name: default for name, _, default in ar.NORMALIZE_STEPS} | options
    for name, func, _ in ar.NORMALIZE_STEPS:
        if chosen[name]:
            s = func(s)
    return s


#: Characters every step touches, presentation forms (FB50-FDFF, FE70-FEFF) and their neighbours.
EVERY_STEP = st.text(
    alphabet=st.one_of(
        st.sampled_from(list(ar.FREQUENT + "".join(ar.DIACRITICS) + ar.TATWEEL + "".join(ar.ALEF_FORMS)
                             + "".join(ar.PERSIAN_LETTERS) + "".join(ar.DIGITS) + "".join(ar.INVISIBLE)
                             + "".join(ar.SPACES) + "".join(ar.PUNCTUATION) + "ىةاي \t\n\r")),
        st.characters(min_codepoint=0xFB50, max_codepoint=0xFEFF),
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
        st.characters(),
    ),
    max_size=60,
)


@settings(max_examples=600, deadline=None)
@given(EVERY_STEP, st.fixed_dictionaries({name: st.booleans() for name, _, _ in ar.NORMALIZE_STEPS}))
def test_fast_path_equals_the_steps_in_order_for_every_option_set(s, options):
    assert normalize(s, **options) == _stepwise(s, **options)


def test_fast_path_handles_presentation_forms_next_to_rare_and_frequent_characters():
    for s in ("ﺃ", "ﻷ ً", "ﺍﻟﺠﻴﺶ، ١٢", "أ\u00a0ﻻ", "ﯼ", "ﱞ", "کﺎ\r\n"):
        assert normalize(s) == _stepwise(s), s
        assert normalize(s, presentation=False) == _stepwise(s, presentation=False), s


def test_fast_path_equals_the_steps_on_every_saudinewsnet_article(snn):
    differ = [doc for doc, text in zip(snn["doc_id"], snn["text"]) if normalize(text) != _stepwise(text)]
    assert differ == [], f"{len(differ)} articles differ, first: {differ[:3]}"
    titles = [t for t in snn["title"] if normalize(t) != _stepwise(t)]
    assert titles == []


@pytest.mark.parametrize("text", ["\x0c\x0c", "a \x0b b", "x\x0c\x0b y"])
def test_normalize_fast_path_collapses_form_feeds_and_vertical_tabs_like_its_steps(text):
    # found by hypothesis: the fast path looked only for two spaces or a tab before collapsing runs
    steps = text
    for _, func, default in ar.NORMALIZE_STEPS:
        if default:
            steps = func(steps)
    assert normalize(text) == steps
