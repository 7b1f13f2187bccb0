"""Training pages: loader → form → service → response (STYLE.md §2)."""
