"""Forms for the competition pages, one module per audience; services check the domain rules."""
