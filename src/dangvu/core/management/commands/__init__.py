"""dangvu backup, dangvu restore."""
