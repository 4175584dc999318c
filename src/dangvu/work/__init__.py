"""Party work records: congresses, courses, inspection, supervision, discipline and badges."""
