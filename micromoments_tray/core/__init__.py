"""Pure product rules: no Qt, no I/O beyond what is passed in."""
