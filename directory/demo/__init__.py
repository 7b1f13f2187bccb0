"""Demo data for `manage.py seed_demo`: places and people from the five seed documents.

Builders (`base.py`, `province.py`) return a `plan.Plan` of plain rows, deterministically (a fixed
`random.Random` seed); `build.py` writes a plan, skipping every row whose natural key exists, so
running the command twice changes nothing.
"""
