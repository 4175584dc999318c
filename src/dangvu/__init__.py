"""Đảng vụ: the working system of a Party committee's office."""
