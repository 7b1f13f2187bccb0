"""Demo supervision data, written by `supervision/demo_seed.py`."""
