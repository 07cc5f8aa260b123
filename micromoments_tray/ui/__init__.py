"""Qt widgets: they show values and emit what the user did; they never save anything."""
