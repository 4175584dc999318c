"""The progress rule of key tasks, written once: the text users read on the task page and the code that
applies it. A parent's progress is never entered by hand; it is recomputed whenever a sub-task changes.
"""

from .models import ProgressUpdate, Status, Task

RULE_TEXT = (
    "Tiến độ của nhiệm vụ có nhiệm vụ con do hệ thống tính, không nhập tay: đó là bình quân gia quyền tiến độ "
    "của các nhiệm vụ con theo trọng số (tổng của trọng số × tiến độ, chia cho tổng trọng số). Nhiệm vụ con "
    "được đánh dấu «không áp dụng» hoặc đã hủy bỏ không được tính. Nhiệm vụ không có nhiệm vụ con (hoặc mọi "
    "nhiệm vụ con đều không áp dụng) lấy tiến độ theo lần báo cáo tiến độ gần nhất; nhiệm vụ đã hoàn thành "
    "tính 100%. Nhiệm vụ có nhiệm vụ con hoàn thành khi mọi nhiệm vụ con được tính đã hoàn thành, vào ngày "
    "nhiệm vụ con cuối cùng hoàn thành."
)


def counts_in_rollup(task: Task) -> bool:
    """Whether a sub-task takes part in its parent's progress."""
    return not task.not_applicable and task.status != Status.CANCELLED


def applicable_children(task: Task) -> list[Task]:
    return [child for child in task.children.all() if counts_in_rollup(child)]


def own_progress(task: Task) -> float:
    """A task without applicable sub-tasks: 100 when done, else the percentage of its last update."""
    if task.status == Status.DONE:
        return 100.0
    last = ProgressUpdate.objects.filter(task=task).order_by("-reported_on", "-id").first()
    return float(last.percent) if last else 0.0


def weighted_average(children: list[Task]) -> float:
    """Σ(weight × progress) / Σ weight of the children given (all applicable)."""
    total = sum(child.weight for child in children)
    return sum(child.weight * child.progress for child in children) / total if total else 0.0


def refresh(task: Task) -> None:
    """Recompute a task's progress (and, for a parent, its status) and then every ancestor's, upwards."""
    while task is not None:
        children = applicable_children(task)
        fields = ["progress"]
        if children:
            task.progress = weighted_average(children)
            if task.status != Status.CANCELLED:
                if all(child.status == Status.DONE for child in children):
                    task.status, task.done_on = Status.DONE, max(child.done_on for child in children)
                else:
                    started = any(c.progress > 0 or c.status != Status.NOT_STARTED for c in children)
                    task.status = Status.IN_PROGRESS if started else Status.NOT_STARTED
                    task.done_on = None
                fields += ["status", "done_on"]
        else:
            task.progress = own_progress(task)
        task.save(update_fields=fields)
        # Fetched afresh: a parent cached on the child may be older than the database.
        task = Task.objects.filter(pk=task.parent_id).first() if task.parent_id else None
