"""Meetings (hội nghị, sinh hoạt chi bộ): agenda, guests, attendance, minutes and conclusions."""
