"""Writes for training: one use case per function, atomic and audited (STYLE.md §1).

Views import the submodules (`from lms.services import enrolment`), so names never clash.
"""
