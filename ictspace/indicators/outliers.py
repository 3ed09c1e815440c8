"""Flag a value far outside a jurisdiction's own history, for the reviewer (never refused)."""

from decimal import Decimal
from statistics import median

MIN_HISTORY = 3
ROBUST_Z = Decimal("3.5")
# With no spread at all (every past value equal), a change of more than half is flagged.
FLAT_CHANGE = Decimal("0.5")


def is_outlier(value: Decimal | None, history: list[Decimal]) -> bool:
    """Robust z-score (median and median absolute deviation) above 3.5.

    Needs at least three earlier values of the same indicator, jurisdiction and breakdown;
    with fewer there is no history to be far from.
    """
    if value is None or len(history) < MIN_HISTORY:
        return False
    centre = median(history)
    spread = median(abs(x - centre) for x in history)
    if spread == 0:
        if centre == 0:
            return value != 0
        return abs(value - centre) / abs(centre) > FLAT_CHANGE
    # 1.4826 makes the MAD comparable to a standard deviation for normal data.
    return abs(value - centre) / (Decimal("1.4826") * spread) > ROBUST_Z
