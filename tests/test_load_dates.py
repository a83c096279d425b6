"""Dates in your own files: ISO as is, day/month order settled or asked for, Arabic month
names and digits, and every date that could not be read in the load report."""
import pandas as pd
import pytest

from helpers import CorpusError, load_corpus, load_report
from helpers.corpus import ARABIC_MONTHS, parse_dates


def _csv(tmp_path, dates, name="dates.csv"):
    f = tmp_path / name
    rows = "".join(f'{i},"نص رقم {i}","{d}"\n' for i, d in enumerate(dates, start=1))
    f.write_text("id,text,date\n" + rows, encoding="utf-8")
    return f


def _ymd(series):
    return [None if pd.isna(d) else d.strftime("%Y-%m-%d") for d in series]


def test_iso_dates_are_read_as_they_are(tmp_path):
    df = load_corpus(_csv(tmp_path, ["2018-03-04", "2018-03-04T10:00:00+03:00", "2018-03-04 23:30", "2018/03/04"]))
    assert _ymd(df["date"]) == ["2018-03-04"] * 4
    assert df.loc[1, "date"] == pd.Timestamp("2018-03-04 07:00", tz="UTC")
    assert str(df["date"].dtype) == "datetime64[ns, UTC]"
    assert load_report(df).query("action != 'noted'").empty


def test_ambiguous_day_month_column_raises_and_says_what_to_do(tmp_path):
    f = _csv(tmp_path, ["03/04/2018", "05/06/2018"])
    with pytest.raises(CorpusError, match=r"dates\.csv, column 'date'.*'03/04/2018'.*dayfirst=True"):
        load_corpus(f)
    assert _ymd(load_corpus(f, dayfirst=True)["date"]) == ["2018-04-03", "2018-06-05"]
    assert _ymd(load_corpus(f, dayfirst=False)["date"]) == ["2018-03-04", "2018-05-06"]


def test_one_unambiguous_date_settles_the_column_and_is_noted(tmp_path):
    # the bug: 03/04/2018 was read month-first next to 19/11/2017 read day-first
    df = load_corpus(_csv(tmp_path, ["03/04/2018", "19/11/2017"]))
    assert _ymd(df["date"]) == ["2018-04-03", "2017-11-19"]
    notes = load_report(df).query("action == 'noted'")["reason"]
    assert notes.str.contains("read day-first, as '19/11/2017'").any()
    df = load_corpus(_csv(tmp_path, ["03/04/2018", "11/19/2017"], "us.csv"))
    assert _ymd(df["date"]) == ["2018-03-04", "2017-11-19"]


def test_column_mixing_both_orders_raises_unless_told(tmp_path):
    f = _csv(tmp_path, ["19/11/2017", "11/19/2017"])
    with pytest.raises(CorpusError, match="mixes day-first.*month-first"):
        load_corpus(f)
    df = load_corpus(f, dayfirst=True)
    assert _ymd(df["date"]) == ["2017-11-19", None]
    rep = load_report(df).set_index("record")
    assert "no month 19 when read day-first" in rep.loc["row 2", "reason"]


def test_two_digit_years_and_dots(tmp_path):
    df = load_corpus(_csv(tmp_path, ["19.11.17", "20-11-2017"]))
    assert _ymd(df["date"]) == ["2017-11-19", "2017-11-20"]


@pytest.mark.parametrize("raw", [
    "19 نوفمبر 2017", "١٩ نوفمبر ٢٠١٧", "الأحد 19 تشرين الثاني 2017", "19 تشرين الثاني/نوفمبر 2017",
    "الأحد، 19 نوفمبر 2017م", "19 نونبر 2017".replace("نونبر", "نوفمبر"), "١٩/١١/٢٠١٧", "2017-11-19",
    "Sun, 19 Nov 2017 10:00:00 +0000", "19 November 2017",
])
def test_arabic_month_names_and_digits(raw):
    dates, problems, _ = parse_dates([raw])
    assert problems.empty, problems.tolist()
    assert dates.iloc[0].strftime("%Y-%m-%d") == "2017-11-19"


def test_every_month_name_series_parses():
    names = sorted(ARABIC_MONTHS.items(), key=lambda kv: kv[1])
    raws = [f"5 {name} 2018" for name, _ in names]
    dates, problems, _ = parse_dates(raws)
    assert problems.empty
    assert dates.dt.month.tolist() == [month for _, month in names]
    assert {"تشرين الثاني", "نوفمبر", "كانون الثاني", "شباط", "حزيران", "اب"} <= set(ARABIC_MONTHS)


def test_time_with_arabic_am_pm():
    dates, problems, _ = parse_dates(["19 نوفمبر 2017 10:30 م", "19 نوفمبر 2017 10:30 ص"])
    assert problems.empty
    assert dates.dt.hour.tolist() == [22, 10]


def test_unreadable_and_out_of_range_dates_are_report_rows_not_a_crash(tmp_path):
    raws = ["2017-11-19", "yesterday", "1439-03-01", "9999-12-31", "12 ربيع الأول 1439 هـ", "", "0000-00-00"]
    df = load_corpus(_csv(tmp_path, raws))
    assert len(df) == 7
    assert _ymd(df["date"]) == ["2017-11-19"] + [None] * 6
    rep = load_report(df).query("action == 'flagged'").set_index("record")["reason"]
    assert rep["row 2"] == "unparseable date 'yesterday'"
    assert "outside the years pandas can hold" in rep["row 3"] and "Hijri" in rep["row 3"]
    assert "outside the years pandas can hold" in rep["row 4"]
    assert "Hijri date" in rep["row 5"]
    assert "row 6" not in rep.index  # an empty date is unknown, not wrong
    assert "0000-00-00" in rep["row 7"]


def test_numbers_are_epoch_seconds_or_milliseconds():
    dates, problems, notes = parse_dates(pd.Series([1511049600, 1511049660]))
    assert dates.iloc[0] == pd.Timestamp("2017-11-19", tz="UTC") and problems.empty
    assert "seconds since 1970" in notes[0]
    dates, _, notes = parse_dates(pd.Series([1511049600000]))
    assert dates.iloc[0] == pd.Timestamp("2017-11-19", tz="UTC") and "milliseconds" in notes[0]


def test_kit_folder_dates_use_the_same_rules(tmp_path):
    (tmp_path / "a.txt").write_text("نص أول", encoding="utf-8")
    (tmp_path / "b.txt").write_text("نص ثان", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,date\na.txt,03/04/2018\nb.txt,٥ شباط ٢٠١٨\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="metadata.csv, column 'date'.*dayfirst"):
        load_corpus(tmp_path)
    df = load_corpus(tmp_path, dayfirst=True)
    assert _ymd(df["date"]) == ["2018-04-03", "2018-02-05"]


def test_many_repeated_dates_are_parsed_once_each():
    raws = pd.Series(["19/11/2017", "2017-11-20", "٢١ نوفمبر ٢٠١٧"] * 20_000)
    dates, problems, _ = parse_dates(raws)
    assert problems.empty and dates.notna().all()
    assert _ymd(dates.iloc[:3]) == ["2017-11-19", "2017-11-20", "2017-11-21"]
