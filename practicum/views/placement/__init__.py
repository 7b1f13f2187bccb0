"""placement pages."""
