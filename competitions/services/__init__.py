"""Writes for competitions (R14), one use case each: `contests` (the organiser's set-up),
`entries` (authors), `review` (judges and conflicts), `results` (notice, objections, awards),
`quiz` (question bank and timed rounds). Views import the module they need."""
