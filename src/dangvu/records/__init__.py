"""A member's official records kept by the office: the Party card register and the data-health checks."""
