"""Forms for the competition pages: validation and Chinese messages, one module per audience."""
