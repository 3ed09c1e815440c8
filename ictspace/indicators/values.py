"""What an indicator accepts: its value type, range, levels and breakdowns."""

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.formats import number_format
from django.utils.translation import gettext as _

DIMENSIONS = {
    "sex": {"female": "female", "f": "female", "male": "male", "m": "male"},
    "area": {"urban": "urban", "rural": "rural"},
}
# ASCII digits only: \d would take Arabic-Indic and other digits that int() reads.
AGE_RE = re.compile(r"([0-9]{1,3})(?:-([0-9]{1,3})|\+)")
OLDEST = 120
YES = {"yes", "y", "true", "1", "oui", "sí", "si"}
NO = {"no", "n", "false", "0", "non"}
_GROUPED = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")  # 1,234,567.5
# The value column is DecimalField(24, 6): 18 digits before the point, 6 after. SQLite
# keeps 15 significant digits, and a value it rounds up to 10^18 would no longer fit, so
# whole parts stop at 15 digits on every engine.
DECIMAL_PLACES = 6
WHOLE_DIGITS = 15
LIMIT = Decimal(10) ** WHOLE_DIGITS
STEP = Decimal(1).scaleb(-DECIMAL_PLACES)


@dataclass(frozen=True)
class Spec:
    """An indicator's definition as loaded from its library, in the form checks need."""

    code: str
    value_type: str
    direction: str = "increase"
    levels: tuple[str, ...] = ()
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    dimensions: frozenset = field(default_factory=frozenset)
    unit_label: str = ""

    @classmethod
    def of(cls, indicator) -> "Spec":
        d = indicator.definition
        value_type = d.get("unit", "number")
        low, high = d.get("min"), d.get("max")
        if value_type == "percent":
            low = 0 if low is None else low
            high = 100 if high is None else high
        if value_type == "count":
            low = 0 if low is None else low
        return cls(
            code=indicator.code,
            value_type=value_type,
            direction=d.get("direction", "increase"),
            levels=tuple(str(level) for level in d.get("levels") or ()),
            minimum=None if low is None else Decimal(str(low)),
            maximum=None if high is None else Decimal(str(high)),
            dimensions=frozenset(d.get("disaggregations") or ()),
            unit_label=d.get("unit_label", "%" if value_type == "percent" else ""),
        )


def _number(raw) -> Decimal:
    if isinstance(raw, bool):
        raise ValueError(_("“%(v)s” is not a number.") % {"v": raw})
    if isinstance(raw, int | float | Decimal):
        number = Decimal(str(raw))
    else:
        text = str(raw).strip().replace("\u00a0", "").replace(" ", "").removesuffix("%")
        if _GROUPED.match(text):
            text = text.replace(",", "")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(_("“%(v)s” is not a number.") % {"v": str(raw)[:40]}) from None
    return _fitting(number, str(raw)[:40])


def _fitting(number: Decimal, shown: str) -> Decimal:
    """The number if the value column holds it exactly; else ValueError naming the limit."""
    if not number.is_finite():
        raise ValueError(_("“%(v)s” is not a usable number.") % {"v": shown})
    if abs(number) >= LIMIT:
        raise ValueError(
            _(
                "“%(v)s” is too large: a value has at most %(digits)s digits before the decimal point."
            )
            % {"v": shown, "digits": WHOLE_DIGITS}
        )
    if number.as_tuple().exponent < -DECIMAL_PLACES and number != number.quantize(STEP):
        raise ValueError(
            _("“%(v)s” has more than %(places)s decimal places.")
            % {"v": shown, "places": DECIMAL_PLACES}
        )
    return number


def parse_value(spec: Spec, raw) -> tuple[Decimal | None, str]:
    """(number, text) for storage; ValueError with a message that names the rule broken."""
    if raw is None or str(raw).strip() == "":
        raise ValueError(_("The value is empty."))
    kind = spec.value_type
    if kind == "ordinal":
        wanted = str(raw).strip().casefold()
        for index, level in enumerate(spec.levels):
            if level.casefold() == wanted:
                return Decimal(index), level
        raise ValueError(
            _("“%(v)s” is not one of the levels: %(levels)s.")
            % {"v": str(raw)[:40], "levels": ", ".join(spec.levels)}
        )
    if kind == "yes_no":
        word = str(raw).strip().casefold()
        if word in YES:
            return Decimal(1), "yes"
        if word in NO:
            return Decimal(0), "no"
        raise ValueError(_("“%(v)s” is not yes or no.") % {"v": str(raw)[:40]})
    if kind == "text":
        return None, str(raw).strip()[:200]
    number = _number(raw)
    if kind == "count" and number != number.to_integral_value():
        raise ValueError(_("A count is a whole number, not %(v)s.") % {"v": number})
    if spec.minimum is not None and number < spec.minimum:
        raise ValueError(
            _("%(v)s is below the smallest valid value, %(min)s.")
            % {"v": number, "min": spec.minimum}
        )
    if spec.maximum is not None and number > spec.maximum:
        raise ValueError(
            _("%(v)s is above the largest valid value, %(max)s.")
            % {"v": number, "max": spec.maximum}
        )
    return number, ""


def parse_disaggregation(spec: Spec, raw) -> str:
    """`sex=female; age=15-24` (any order, any case) → canonical `age=15-24;sex=female`."""
    text = str(raw or "").strip()
    if not text or text.casefold() in {"total", "all", "_t", "_z"}:
        return ""
    parts = {}
    for chunk in re.split(r"[;|]", text):
        if not chunk.strip():
            continue
        name, sep, value = chunk.partition("=")
        name, value = name.strip().casefold(), value.strip().casefold()
        if not sep or not value:
            raise ValueError(
                _("Write a breakdown as name=value, e.g. sex=female; not “%(c)s”.")
                % {"c": chunk.strip()[:40]}
            )
        if name in parts:
            raise ValueError(
                _("The breakdown names %(name)s twice; give each once.") % {"name": name}
            )
        if name not in spec.dimensions:
            allowed = ", ".join(sorted(spec.dimensions)) or _("none")
            raise ValueError(
                _("%(code)s is not broken down by %(name)s (it declares: %(allowed)s).")
                % {"code": spec.code, "name": name, "allowed": allowed}
            )
        parts[name] = _dimension_value(name, value)
    return ";".join(f"{k}={v}" for k, v in sorted(parts.items()))


def _dimension_value(name: str, value: str) -> str:
    if name == "age":
        return _age_group(value)
    known = DIMENSIONS[name]
    if value not in known:
        raise ValueError(
            _("“%(v)s” is not a value of %(name)s (use %(allowed)s).")
            % {"v": value, "name": name, "allowed": ", ".join(sorted(set(known.values())))}
        )
    return known[value]


def _age_group(value: str) -> str:
    """15-24 or 75+, ages from 0 to OLDEST, the lower first."""
    match = AGE_RE.fullmatch(value)
    if not match:
        raise ValueError(_("An age group is written 15-24 or 75+, not “%(v)s”.") % {"v": value})
    low, high = int(match[1]), None if match[2] is None else int(match[2])
    if low > OLDEST or (high is not None and not low <= high <= OLDEST):
        raise ValueError(
            _("An age group runs from a lower to a higher age, at most %(oldest)s: not “%(v)s”.")
            % {"oldest": OLDEST, "v": value}
        )
    return value


def format_value(spec: Spec, number: Decimal | None, text: str) -> str:
    if text:
        return text
    if number is None:
        return ""
    shown = f"{number.normalize():f}" if number == number.to_integral_value() else f"{number:f}"
    if "." in shown:
        shown = shown.rstrip("0").rstrip(".")
    shown = number_format(Decimal(shown))  # for a page: the active language's decimal mark
    if spec.value_type == "percent":
        return f"{shown} %"
    return f"{shown} {spec.unit_label}".strip() if spec.value_type == "currency" else shown
