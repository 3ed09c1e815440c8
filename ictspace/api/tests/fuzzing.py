"""Schemathesis against a live server: generated calls per operation, as several callers.

Used by the short fuzz of the test suite and by `scripts/fuzz-api` (the long one). A call
fails when the server answers 5xx or a documented answer does not match the schema.
"""

import time
from collections import Counter
from dataclasses import dataclass, field

import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance

CHECKS = [not_a_server_error, response_schema_conformance]


@dataclass
class Tally:
    calls: Counter = field(default_factory=Counter)
    failures: Counter = field(default_factory=Counter)
    examples: dict = field(default_factory=dict)  # operation -> first failure, to reproduce

    @property
    def total_calls(self) -> int:
        return sum(self.calls.values())

    @property
    def total_failures(self) -> int:
        return sum(self.failures.values())

    def report(self) -> str:
        width = max((len(k) for k in self.calls), default=10)
        lines = [f"{'operation':<{width}}  {'calls':>7}  {'failures':>8}"]
        for name in sorted(self.calls):
            lines.append(f"{name:<{width}}  {self.calls[name]:>7}  {self.failures[name]:>8}")
        lines.append(f"{'total':<{width}}  {self.total_calls:>7}  {self.total_failures:>8}")
        for name, example in sorted(self.examples.items()):
            lines.append(f"first failure of {name}: {example}")
        return "\n".join(lines)


def fuzz(base_url: str, callers: dict[str, dict], *, per_operation: int, tally: Tally) -> Tally:
    """`per_operation` generated calls of every operation, for each caller's headers."""
    schema = schemathesis.openapi.from_url(f"{base_url}/api/v1/schema/")
    for result in schema.get_all_operations():
        operation = result.ok()
        for who, headers in callers.items():
            _fuzz_operation(operation, base_url, who, headers, per_operation, tally)
    return tally


def _others() -> list:
    """Every other registered check: only the two the issue names decide a failure."""
    from schemathesis.checks import load_all_checks
    from schemathesis.specs.openapi import checks as openapi_checks

    load_all_checks()
    names = [n for n in dir(openapi_checks) if n.endswith(("conformance", "rejection"))]
    found = [getattr(openapi_checks, n) for n in names]
    return [c for c in found if callable(c) and c not in CHECKS]


def _fuzz_operation(operation, base_url, who, headers, examples, tally):
    name = f"{operation.method.upper()} {operation.path}"

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],  # count calls; no shrinking, no replay
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def run(case):
        tally.calls[name] += 1
        response = case.call(base_url=base_url, headers=headers, timeout=30)
        try:
            case.validate_response(response, checks=CHECKS, excluded_checks=_others())
        except Exception as failure:  # a failed check: count it, keep generating
            tally.failures[name] += 1
            tally.examples.setdefault(
                name,
                f"as {who}: {case.method} {response.url} → {response.status_code} {failure!s:.300}",
            )

    started = time.monotonic()
    run()
    return time.monotonic() - started
