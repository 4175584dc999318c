"""The admission pipeline (phát triển đảng viên): candidates, their dated steps, and the due list."""
