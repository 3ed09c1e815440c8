from decimal import Decimal as N

from ictspace.indicators.outliers import is_outlier


def test_needs_some_history():
    assert not is_outlier(N(1000), [])
    assert not is_outlier(N(1000), [N(10), N(11)])


def test_far_from_the_jurisdictions_own_values():
    history = [N(40), N(42), N(45), N(47), N(50)]
    assert not is_outlier(N(55), history)
    assert is_outlier(N(95), history)  # a typo for 59?
    assert is_outlier(N("4.9"), history)  # a share typed as a fraction


def test_flat_history():
    assert not is_outlier(N(100), [N(100)] * 4)
    assert not is_outlier(N(140), [N(100)] * 4)
    assert is_outlier(N(151), [N(100)] * 4)
    assert is_outlier(N(1), [N(0)] * 4)
    assert not is_outlier(None, [N(1)] * 4)
