"""Every observed territory with its figures, in the order of the pages."""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Directory
from . import activity, coverage, freshness, hours, network, portfolio, publics, scopes
from .facts import Facts
from .scopes import Scope
from .table import Figure


@dataclass
class Territory:
    scope: Scope
    children: list[Scope]
    counts: dict  # structures, venues, running offers, other offers
    figures: list[Figure]


def counts(facts: Facts, scope: Scope) -> dict:
    every = facts.offers_in(scope, active_only=False)
    return {"structures": len(facts.structures_in(scope)),
            "lieux": len(facts.venues_in(scope)),
            "offres": sum(o.active for o in every), "autres": sum(not o.active for o in every)}


def build(directory: Directory) -> list[Territory]:
    facts = Facts(directory)
    all_scopes = scopes.build(directory)
    cov = coverage.Coverage(facts, all_scopes[0].communes)
    inside = scopes.children(all_scopes)
    out = []
    for scope in all_scopes:
        figures = [portfolio.figure(facts, scope), hours.figure(facts, scope), coverage.figure(cov, scope, inside[scope.slug]),
                   publics.figure(facts, scope), network.figure(facts, scope), freshness.figure(facts, scope),
                   activity.figure(facts, scope)]
        out.append(Territory(scope, inside[scope.slug], counts(facts, scope), [f for f in figures if f]))
    return out
