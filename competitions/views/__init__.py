"""Competition pages (R14): loader → form → service → response, one module per audience."""
