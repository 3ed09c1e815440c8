"""Whether the database holds demonstration data: asked once per process, then remembered.

The loader runs before the server starts (scripts/run) and never in production, so a
process that found no marker will not see one appear; the loader forgets the answer of
its own process.
"""

_known: bool | None = None


def demo_data_loaded() -> bool:
    global _known
    if _known is None:
        from ictspace.demo.models import DemoDataSet

        _known = DemoDataSet.objects.exists()
    return _known


def forget() -> None:
    global _known
    _known = None
