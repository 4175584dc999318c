"""Key tasks (nhiệm vụ trọng tâm), their assignees, progress and sub-tasks."""
