"""The yearly quality rating of organizations and members (kiểm điểm, đánh giá, xếp loại chất lượng)."""
