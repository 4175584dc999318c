"""Office files (.xlsx, .docx) are zip archives of XML parts: what one may hold before it is opened at all.

A province's 100,000 members are about 90 MB of XML, compressed 8–11 times; a "zip bomb" (1 MB expanding to
1 GB, millions of shared strings in 0.4 MB) is refused by its size or its ratio before anything is parsed.
"""

import zipfile
import zlib

MAX_UNCOMPRESSED = 400 * 1024 * 1024
MAX_RATIO, RATIO_FROM = 200, 1024 * 1024  # parts of more than 1 MB compressed more than 200 times
MAX_PARTS = 2000
DAMAGED = (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, NotImplementedError, ValueError)


def damaged_message(filename: str) -> str:
    return f"Tệp '{filename}' bị hỏng (không giải nén được): hãy mở bằng Word hoặc Excel và lưu lại."


def inflation_problem(archive: zipfile.ZipFile, filename: str, size: int) -> str | None:
    """Why the archive (of `size` bytes) is not opened (Vietnamese), or None when its parts are as a real
    office file's."""
    parts = archive.infolist()
    total = sum(part.file_size for part in parts)
    if (
        len(parts) <= MAX_PARTS
        and total <= MAX_UNCOMPRESSED
        and not any(
            part.file_size > RATIO_FROM and part.file_size > MAX_RATIO * max(part.compress_size, 1) for part in parts
        )
    ):
        return None
    expanded, packed = f"{total / 1e6:.0f}", f"{size / 1e6:.1f}".replace(".", ",")
    return (
        f"Tệp '{filename}' có cấu trúc bất thường so với một tệp văn phòng thật (giải nén ra {expanded} MB "
        f"từ {packed} MB), nên hệ thống không mở. Hãy mở bằng Excel hoặc Word, xóa phần thừa rồi lưu lại."
    )
