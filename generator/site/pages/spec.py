"""A generated page, described as data."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class PageSpec:
    src_uri: str
    template: str
    title: str
    context: dict = field(default_factory=dict, compare=False)
    description: str = ""  # plain text for <meta name="description">
