"""MicroMoments: a calm tray companion for small moments of human connection."""

__version__ = "0.1.0"
APP_NAME = "micromoments"
APP_ID = "io.github.micromoments.MicroMoments"
