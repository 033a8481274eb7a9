"""Reviewing a change: who may make it (ownership), what it does for a reader (diff), what needs checking (stale)."""
