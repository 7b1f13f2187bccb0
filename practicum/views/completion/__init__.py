"""completion pages."""
