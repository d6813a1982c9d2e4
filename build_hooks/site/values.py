"""What a page can show about the build itself: ``{{ version }}``, ``{{ wheel }}``...

These are placeholders like any other (:mod:`build_hooks.page.placeholders`), filled in
from the same values dict; only where their value comes from differs: the build knows
them (the wheel it publishes, the address it is built for), the page's code does not.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields


@dataclass(frozen=True)
class SiteValues:
    """The build's values, by placeholder name."""

    version: str  # the package's version
    wheel: str  # the wheel's file name
    wheel_link: str  # a link to the wheel, relative to the page
    wheel_url: str  # the wheel's absolute address, where the build knows it
    needs: str  # what the package needs: 'Python >=3.11, numpy>=2, ...'

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


NAMES = frozenset(field.name for field in fields(SiteValues))
