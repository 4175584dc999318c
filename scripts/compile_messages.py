"""Compiles src/dangvu/locale/*/LC_MESSAGES/django.po into the .mo file Django reads, without GNU gettext
(msgfmt is not on a fresh machine). Run it after editing a .po file and commit both."""

import ast
import struct
import sys
from pathlib import Path


def read_po(path: Path) -> dict[str, str]:
    entries, key, current = {}, None, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = line.strip()
        if line.startswith("msgid "):
            key, current = ast.literal_eval(line[6:]), "id"
        elif line.startswith("msgstr "):
            entries[key], current = ast.literal_eval(line[7:]), "str"
        elif line.startswith('"') and current == "str":
            entries[key] += ast.literal_eval(line)
        elif line.startswith('"') and current == "id":
            key += ast.literal_eval(line)
    return entries


def write_mo(entries: dict[str, str], path: Path) -> None:
    keys = sorted(entries)
    ids = b"".join(k.encode() + b"\0" for k in keys)
    strs = b"".join(entries[k].encode() + b"\0" for k in keys)
    start = 7 * 4 + 16 * len(keys)
    id_table, str_table, offset = [], [], 0
    for k in keys:
        id_table += [len(k.encode()), start + offset]
        offset += len(k.encode()) + 1
    offset = 0
    for k in keys:
        str_table += [len(entries[k].encode()), start + len(ids) + offset]
        offset += len(entries[k].encode()) + 1
    header = struct.pack("Iiiiiii", 0x950412DE, 0, len(keys), 7 * 4, 7 * 4 + 8 * len(keys), 0, 0)
    path.write_bytes(header + struct.pack(f"{len(id_table)}i", *id_table)
                     + struct.pack(f"{len(str_table)}i", *str_table) + ids + strs)


if __name__ == "__main__":
    root = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "src" / "dangvu")
    for po in root.glob("locale/*/LC_MESSAGES/django.po"):
        write_mo(read_po(po), po.with_suffix(".mo"))
        print(po.with_suffix(".mo"))
