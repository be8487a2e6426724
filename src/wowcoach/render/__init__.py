"""Renderers: each shows a result object from `wowcoach.report` and computes nothing."""
