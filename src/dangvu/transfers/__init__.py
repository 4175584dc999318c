"""Transfers of Party activity (chuyển sinh hoạt đảng) as letters with their journey, and the letter register."""
