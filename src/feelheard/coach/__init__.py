"""Coaching flows built on the analyzer: the guided first draft (`feelheard.coach.guided`)."""
