"""Platform backends for `desktop.availability` and `desktop.notify`, one module per family."""
