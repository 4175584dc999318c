"""PDF from a Word document by LibreOffice headless.

Each conversion runs with its own LibreOffice profile directory, so that concurrent conversions (two users,
two test workers) do not fight over one profile's lock, and with a time limit.
"""

import shutil
import subprocess
import tempfile
from pathlib import Path

from dangvu.core.errors import RuleViolation

TIMEOUT_SECONDS = 90


class ConversionError(RuleViolation):
    """The PDF could not be made; the message says why in Vietnamese."""


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
        command = [program, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                   "--convert-to", "pdf", "--outdir", str(folder), str(source)]
        try:
            done = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as exc:
            raise ConversionError(f"LibreOffice không chuyển xong sang PDF trong {timeout} giây.") from exc
        target = folder / "bao-cao.pdf"
        if done.returncode != 0 or not target.exists():
            detail = (done.stderr or done.stdout).decode(errors="replace").strip()[-300:]
            raise ConversionError(f"LibreOffice không chuyển được văn bản sang PDF. {detail}".strip())
        return target.read_bytes()
