"""Renderers: each shows a result object from `wowcoach.results` and computes nothing."""
