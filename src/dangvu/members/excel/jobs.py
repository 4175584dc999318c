"""Import runs (lượt nhập): the stored upload, a progress record the page polls, and the result.

A small file is imported within the request. A larger one runs in a background thread while the page
polls its progress record (a JSON file next to the upload, so any worker process can read it); the import
itself stays one transaction, so what the page shows as progress is the reading, the checking, and the
writing that commits only at the end. Uploads and records are kept for a day (for the error copy and the
confirmation of a dry run) and belong to the user who uploaded them.

While a run works, it touches a heartbeat file every few seconds; a run whose heartbeat has stopped (its process
was killed, the server restarted) is marked failed the next time it is read, and says so: its transaction
never committed, so nothing of it was written, and the next import runs as usual.
"""

import contextvars
import json
import logging
import os
import shutil
import threading
import time
import uuid
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.http import Http404
from django.utils import timezone

from .importer import ImportResult, Problem, run_import

log = logging.getLogger(__name__)
KEEP_FOR = timedelta(days=1)
PHASES = {
    "waiting": "Đang chờ",
    "read": "Đang đọc và kiểm tra từng dòng",
    "check": "Đang đối chiếu với danh sách đảng viên",
    "write": "Đang ghi vào cơ sở dữ liệu (chỉ hoàn tất khi ghi xong toàn bộ)",
    "done": "Đã xong",
}
PROGRESS_EVERY = 0.5  # seconds between two writes of the progress record
HEARTBEAT_EVERY, STALE_AFTER = 5.0, 60.0  # seconds
STOPPED = (
    "Lượt nhập đã dừng giữa chừng (máy chủ khởi động lại hoặc tiến trình nhập bị dừng); chưa có dữ liệu "
    "nào của lượt này được ghi. Hãy nhập lại tệp."
)


def _folder() -> Path:
    folder = Path(getattr(settings, "DANGVU_IMPORT_DIR", Path(settings.VAR_DIR) / "imports"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def inline_limit() -> int:
    """Files up to this size (bytes) are imported within the request (about 2,000 rows)."""
    return int(getattr(settings, "DANGVU_IMPORT_INLINE_BYTES", 150_000))


@dataclass
class ImportJob:
    id: str
    user_id: int
    filename: str
    dry_run: bool
    kind: str = "members"  # which import runs the file (RUNNERS)
    params: dict = field(default_factory=dict)  # what that import needs besides the file (the rating's round)
    status: str = "waiting"  # waiting, running, done, failed
    phase: str = "waiting"
    done: int = 0
    total: int | None = None
    created: str = ""
    finished: str = ""
    error: str = ""
    result: dict | None = field(default=None, repr=False)

    @property
    def upload_path(self) -> Path:
        return _folder() / f"{self.id}.xlsx"

    @property
    def state_path(self) -> Path:
        return _folder() / f"{self.id}.json"

    @property
    def heartbeat_path(self) -> Path:
        return _folder() / f"{self.id}.beat"

    def stopped(self) -> bool:
        """Still said to be running, with no sign of life for STALE_AFTER seconds."""
        if self.finished_running:
            return False
        try:
            last = self.heartbeat_path.stat().st_mtime
        except OSError:
            last = self.state_path.stat().st_mtime  # not started yet: the record's own time
        return time.time() - last > STALE_AFTER

    @property
    def finished_running(self) -> bool:
        return self.status in ("done", "failed")

    @property
    def phase_label(self) -> str:
        return PHASES.get(self.phase, self.phase)

    @property
    def percent(self) -> int | None:
        if not self.total:
            return None
        return min(100, round(100 * self.done / self.total))

    def save(self) -> None:
        temporary = self.state_path.with_suffix(".tmp")
        temporary.write_text(json.dumps(asdict(self), ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, self.state_path)  # a poller never reads half a record

    def import_result(self) -> ImportResult | None:
        if self.result is None:
            return None
        data = dict(self.result)
        data["problems"] = [Problem(*p) for p in data.get("problems", [])]
        return ImportResult(**data)


def _clean_old() -> None:
    limit = time.time() - KEEP_FOR.total_seconds()
    for path in _folder().iterdir():
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
        except OSError:
            continue  # another process removed it first


# The imports that run through these jobs: kind -> run(path, filename, user, dry_run=, progress=, **params)
# -> ImportResult. Other apps register theirs from their ready() (the organization tree's, the rating book's),
# with the labels of any phase of their own in PHASES.
RUNNERS = {"members": run_import}


def _new_job(user, filename: str, dry_run: bool, kind: str = "members", params: dict | None = None) -> ImportJob:
    _clean_old()
    return ImportJob(
        id=uuid.uuid4().hex,
        user_id=user.pk,
        filename=filename[:200],
        dry_run=dry_run,
        kind=kind,
        params=dict(params or {}),
        created=timezone.now().isoformat(),
    )


def start(user, upload, *, dry_run: bool, kind: str = "members", params: dict | None = None) -> ImportJob:
    """Store an uploaded file (a Django UploadedFile) and import it: now, or in the background if large.
    `params` (JSON values) go to the runner as keyword arguments and stay with the run for its pages."""
    job = _new_job(user, upload.name, dry_run, kind, params)
    with open(job.upload_path, "wb") as target:
        for chunk in upload.chunks():
            target.write(chunk)
    return _launch(job, user)


def restart(user, previous: ImportJob, *, dry_run: bool = False) -> ImportJob:
    """Import again the file of an earlier run (after its dry run was checked)."""
    job = _new_job(user, previous.filename, dry_run, previous.kind, previous.params)
    shutil.copyfile(previous.upload_path, job.upload_path)
    return _launch(job, user)


def get(user, job_id: str, kind: str = "members") -> ImportJob:
    """The user's own import run of that kind, or 404."""
    if not job_id.isalnum():
        raise Http404("Không tìm thấy lượt nhập.")
    path = _folder() / f"{job_id}.json"
    try:
        job = ImportJob(**json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError) as error:
        raise Http404("Không tìm thấy lượt nhập (lượt nhập chỉ được giữ một ngày).") from error
    if job.user_id != user.pk or job.kind != kind or not job.upload_path.exists():
        raise Http404("Không tìm thấy lượt nhập.")
    if job.stopped():
        job.status, job.phase, job.error, job.finished = "failed", "done", STOPPED, datetime.now().isoformat()
        job.save()
    return job


def _launch(job: ImportJob, user) -> ImportJob:
    job.save()
    if job.upload_path.stat().st_size <= inline_limit():
        _execute(job, user)
    else:
        context = contextvars.copy_context()  # keeps the client address for the audit events
        threading.Thread(target=context.run, args=(_execute_in_thread, job, user), daemon=True).start()
    return job


def _execute_in_thread(job: ImportJob, user) -> None:
    try:
        _execute(job, user)
    finally:
        connections.close_all()


def _execute(job: ImportJob, user) -> None:
    last = [0.0]

    def progress(phase: str, done: int, total: int | None) -> None:
        now = time.monotonic()
        if phase == job.phase and now - last[0] < PROGRESS_EVERY:
            return
        last[0] = now
        job.phase, job.done, job.total = phase, done, total
        job.save()

    job.status = "running"
    job.save()
    beating = threading.Event()
    threading.Thread(target=_beat, args=(job.heartbeat_path, beating), daemon=True).start()
    try:
        result = RUNNERS[job.kind](
            job.upload_path, job.filename, user, dry_run=job.dry_run, progress=progress, **job.params
        )
    except Exception:
        log.exception("Import %s failed", job.id)
        job.status, job.error = (
            "failed",
            ("Lỗi hệ thống khi nhập tệp; chưa có dữ liệu nào được ghi. Hãy báo quản trị hệ thống."),
        )
    else:
        job.status, job.result = "done", asdict(result)
    finally:
        beating.set()
    job.phase, job.finished = "done", datetime.now().isoformat()
    job.save()


def _beat(path: Path, stop: threading.Event) -> None:
    """Touch the run's heartbeat file until `stop` is set (the run ended, well or not)."""
    while True:
        path.touch()
        if stop.wait(HEARTBEAT_EVERY):
            return
