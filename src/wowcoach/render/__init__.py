"""Renderers: each shows a result object from `wowcoach.report.types` and computes nothing."""
