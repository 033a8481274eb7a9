"""Orientation of a person towards the right segment of offer (assistant rules as data)."""
