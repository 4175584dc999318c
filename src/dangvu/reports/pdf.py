"""PDF from a Word document by LibreOffice headless.

Each conversion runs with its own LibreOffice profile directory, so that concurrent conversions (two users,
two test workers) do not fight over one profile's lock, and with a time limit. At most PDF_CONVERSIONS run at
once on the machine, across every server process (a slot is an exclusive lock on a file under VAR_DIR): each
conversion takes a LibreOffice process and most of a core, and six requests at once once started thirteen.
A request that finds every slot taken waits a little, then is told the server is busy.
"""

import contextlib
import fcntl
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings

from dangvu.core.errors import Unavailable

TIMEOUT_SECONDS = 90
WAIT_SECONDS = 20


class ConversionError(Unavailable):
    """The PDF could not be made; the message says why in Vietnamese."""


@contextlib.contextmanager
def conversion_slot(wait: float | None = None) -> Iterator[None]:
    """Hold one of the machine's PDF conversion slots, or `ConversionError` after waiting `wait` seconds
    (WAIT_SECONDS by default)."""
    folder = Path(settings.VAR_DIR) / "pdf-slots"
    folder.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + (WAIT_SECONDS if wait is None else wait)
    while True:
        for number in range(max(1, int(getattr(settings, "PDF_CONVERSIONS", 2)))):
            handle = open(folder / f"slot-{number}.lock", "a")  # noqa: SIM115 - held for the conversion
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.close()
                continue
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
                handle.close()
            return
        if time.monotonic() >= deadline:
            raise ConversionError("Máy chủ đang bận tạo các tệp PDF khác; hãy thử lại sau ít phút, hoặc tải bản Word.")
        time.sleep(0.2)


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise ConversionError(
            "Máy chủ chưa cài LibreOffice (lệnh soffice) nên không tạo được tệp PDF; "
            "hãy tải bản Word hoặc đề nghị quản trị cài LibreOffice."
        )
    return found


def docx_to_pdf(document: bytes, *, timeout: int = TIMEOUT_SECONDS) -> bytes:
    """The PDF of a .docx."""
    program = soffice()
    with tempfile.TemporaryDirectory(prefix="dangvu-pdf-") as work:
        folder = Path(work)
        source = folder / "bao-cao.docx"
        source.write_bytes(document)
        profile = (folder / "profile").as_uri()
        command = [
            program,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ]
        try:
            with conversion_slot():
                done = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as exc:
            raise ConversionError(f"LibreOffice không chuyển xong sang PDF trong {timeout} giây.") from exc
        target = folder / "bao-cao.pdf"
        if done.returncode != 0 or not target.exists():
            detail = (done.stderr or done.stdout).decode(errors="replace").strip()[-300:]
            raise ConversionError(f"LibreOffice không chuyển được văn bản sang PDF. {detail}".strip())
        return target.read_bytes()
