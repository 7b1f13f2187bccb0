"""Pages for competitions (R14), one module per audience: loader → form → service → response."""
