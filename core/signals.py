"""Signals between apps that must not import each other.

`facts_changed` is sent by the services that keep what the quota rules read (training and
supervision summaries, after each write or rebuild) so the apps that tally those facts (quotas'
station tallies) know what to count again. Keyword arguments, each optional:

- `person_ids`: the people whose facts changed (their stations are concerned);
- `service_point_ids`: the stations whose own facts changed;
- `region_path`: every station below this region path ("" for all);
- `year`: the calendar year the change counts in; None for any year.
"""

from django.dispatch import Signal

facts_changed = Signal()
