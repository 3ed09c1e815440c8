from ictspace.charts.comparison import Bar, comparison
from ictspace.charts.tests.helpers import SVG, of_kind, parse_svg, sample_comparison


def test_comparison_writes_no_data_for_a_missing_value():
    chart = sample_comparison()
    root = parse_svg(chart.svg)

    values = {
        g.get("data-code"): "".join(g.itertext())
        for g in root.iter(f"{SVG}g")
        if g.get("class") == "value"
    }
    assert values == {"AG": "38.6 %", "BB": "48.9 %", "HT": "no data", "JM": "85.3 %"}
    assert ("Haiti", "no data") in chart.table.rows


def test_comparison_keeps_the_given_order_and_classes():
    root = parse_svg(sample_comparison().svg)

    bars = [g for g in root.iter(f"{SVG}g") if "bar" in (g.get("class") or "").split()]
    assert [g.get("data-code") for g in bars] == ["AG", "BB", "HT", "JM"]
    assert "is-selected" in bars[-1].get("class").split()
    assert len(of_kind(root, "target")) == 1


def test_comparison_without_target_draws_no_target_line():
    chart = comparison(
        title="T", unit_label="u", period_label="2023", bars=[Bar("BB", "Barbados", 1, "1")]
    )

    assert of_kind(parse_svg(chart.svg), "target") == []
