"""Persistence: SQLite moments store and the settings file. No Qt."""
