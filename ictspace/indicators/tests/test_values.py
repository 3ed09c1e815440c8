from decimal import Decimal

import pytest

from ictspace.indicators.values import Spec, format_value, parse_disaggregation, parse_value

PERCENT = Spec(code="HH7", value_type="percent", minimum=Decimal(0), maximum=Decimal(100),
               dimensions=frozenset({"sex", "age", "area"}))  # fmt: skip
COUNT = Spec(code="C", value_type="count", minimum=Decimal(0))
ORDINAL = Spec(code="kpi", value_type="ordinal", levels=("Low", "Med", "High"))
YES_NO = Spec(code="yn", value_type="yes_no")


@pytest.mark.parametrize(
    ("spec", "raw", "stored"),
    [
        (PERCENT, "42.5", (Decimal("42.5"), "")),
        (PERCENT, "42.5%", (Decimal("42.5"), "")),
        (PERCENT, 100, (Decimal("100"), "")),
        (PERCENT, 0.0, (Decimal("0.0"), "")),
        (COUNT, "1,234,567", (Decimal("1234567"), "")),
        (COUNT, "12 000", (Decimal("12000"), "")),
        (ORDINAL, "high", (Decimal(2), "High")),
        (YES_NO, "Yes", (Decimal(1), "yes")),
        (YES_NO, "0", (Decimal(0), "no")),
    ],
)
def test_values_by_type(spec, raw, stored):
    assert parse_value(spec, raw) == stored


@pytest.mark.parametrize(
    ("spec", "raw", "message"),
    [
        (PERCENT, "100.1", "above the largest valid value, 100"),
        (PERCENT, "-1", "below the smallest valid value, 0"),
        (PERCENT, "forty", "is not a number"),
        (PERCENT, "", "The value is empty"),
        (PERCENT, "NaN", "not a usable number"),
        (COUNT, "12.5", "A count is a whole number"),
        (ORDINAL, "Very high", "is not one of the levels: Low, Med, High"),
        (YES_NO, "maybe", "is not yes or no"),
        (PERCENT, True, "is not a number"),
    ],
)
def test_bad_values_name_the_rule(spec, raw, message):
    with pytest.raises(ValueError, match=message):
        parse_value(spec, raw)


def test_breakdowns_are_canonical_and_declared():
    assert parse_disaggregation(PERCENT, "Sex=F; age=15-24") == "age=15-24;sex=female"
    assert parse_disaggregation(PERCENT, "area=Rural") == "area=rural"
    assert parse_disaggregation(PERCENT, "") == ""
    assert parse_disaggregation(PERCENT, "Total") == ""
    with pytest.raises(ValueError, match="is not broken down by income"):
        parse_disaggregation(PERCENT, "income=low")
    with pytest.raises(ValueError, match="not a value of sex"):
        parse_disaggregation(PERCENT, "sex=other")
    with pytest.raises(ValueError, match="age group is written"):
        parse_disaggregation(PERCENT, "age=young")
    with pytest.raises(ValueError, match="is not broken down by sex"):
        parse_disaggregation(COUNT, "sex=female")


def test_values_are_formatted_for_people():
    assert format_value(PERCENT, Decimal("42.500000"), "") == "42.5 %"
    assert format_value(COUNT, Decimal("1200.000000"), "") == "1200"
    assert format_value(ORDINAL, Decimal(2), "High") == "High"
