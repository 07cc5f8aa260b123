"""Adapters from the pure core to the running desktop (Qt services, platform backends)."""
