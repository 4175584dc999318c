"""Proofreading before publishing (soát lỗi): warnings a communications officer should look at.

It finds a paragraph repeated word for word, double spaces, a word that is not a Vietnamese syllable (checked
against Debian's hunspell-vi word list, read directly: every entry of vi_VN.dic is one syllable), a pair of
syllables that is a known confusion ("bán sát" for "bám sát": both halves are valid syllables, so only the
pair gives it away), and an organization or person name written differently from the registry ("Phủ lý" for
"Phủ Lý"). Abbreviations in capitals (BTV, HĐND, KT-XH), numbers and a few loan words are accepted.

The dictionary is a system package (hunspell-vi), optional: where it is missing, the syllable check is left
out, the other checks run, and `dictionary_notice()` says so to the user (a fresh machine still loads the demo).

Syllables are compared by their letters and tone, so the old and the new tone placement ("hoá"/"hóa",
"thuỷ"/"thủy") are the same syllable.
"""

import functools
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

DICTIONARY = Path(os.environ.get("HUNSPELL_VI_DICTIONARY", "/usr/share/hunspell/vi_VN.dic"))

TONE_MARKS = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}

# Loan words and names that Vietnamese news writes as they are.
ACCEPTED_WORDS = {
    "covid",
    "internet",
    "online",
    "website",
    "email",
    "video",
    "zalo",
    "facebook",
    "ok",
    "wifi",
    "fanpage",
    "virus",
    "vaccine",
    "sars",
    "cov",
    "test",
    "pcr",
    "km",
    "kg",
    "ha",
    "m",
    "cm",
    "mm",
    "ngđ",
    "tr",
    "tp",
    "sapô",
}

# Pairs of syllables that are each correct but wrong together, with the right pair.
CONFUSIONS = {
    "bán sát": "bám sát",
    "nhân sách": "ngân sách",
    "sát nhập": "sáp nhập",
    "xát nhập": "sáp nhập",
    "bổ xung": "bổ sung",
    "xuất xắc": "xuất sắc",
    "sắc xảo": "sắc sảo",
    "chuẩn đoán": "chẩn đoán",
    "vô hình chung": "vô hình trung",
    "tựu chung": "tựu trung",
    "chín mùi": "chín muồi",
    "thăm quan": "tham quan",
    "sáng lạng": "xán lạn",
    "đột xuất sắc": "đột xuất",
    "giám xát": "giám sát",
    "kiểm xoát": "kiểm soát",
}

MIN_REPEATED_WORDS = 6  # shorter lines ("Các tin khác") may repeat on purpose

WORD = re.compile(r"[^\W\d_]+")
VIETNAMESE_LETTERS = "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ"


@dataclass
class Warning:
    kind: str  # repeated_paragraph, double_space, not_a_syllable, confusion, registry_name
    message: str
    excerpt: str
    paragraph: int  # 1-based
    suggestion: str = ""

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]


KIND_LABELS = {
    "repeated_paragraph": "Đoạn văn lặp lại",
    "double_space": "Hai dấu cách liền nhau",
    "not_a_syllable": "Không phải âm tiết tiếng Việt",
    "confusion": "Có thể viết nhầm",
    "registry_name": "Tên viết khác danh mục",
}


def syllable_key(word: str) -> str:
    """Letters and tone of a syllable, independent of where the tone mark sits."""
    tone, letters = 0, []
    for char in unicodedata.normalize("NFD", word.lower()):
        if char in TONE_MARKS:
            tone = TONE_MARKS[char]
        else:
            letters.append(char)
    return unicodedata.normalize("NFC", "".join(letters)) + str(tone)


@functools.cache
def syllables() -> frozenset[str] | None:
    """The keys of every syllable of the hunspell-vi dictionary (read once per process); None without it."""
    try:
        lines = DICTIONARY.read_text(encoding="utf-8").splitlines()[1:]
    except OSError:
        return None
    return frozenset(syllable_key(line.strip()) for line in lines if line.strip())


def dictionary_notice() -> str:
    """What the user must know when the syllable check cannot run (empty when it can)."""
    if syllables() is not None:
        return ""
    return (
        "Máy chủ chưa cài từ điển tiếng Việt (gói hunspell-vi) nên chưa kiểm tra được chính tả từng âm tiết; "
        "các kiểm tra khác vẫn chạy. Quản trị hệ thống cài bằng lệnh: apt-get install hunspell-vi."
    )


def is_syllable(word: str) -> bool:
    known = syllables()
    return known is not None and syllable_key(word) in known


def _fold_char(char: str) -> str:
    """One character without diacritics, lowercase: keeps the text's length, so spans map back."""
    if char in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", char)[0].lower()
    return base if len(base) == 1 else char


def fold_keep_length(text: str) -> str:
    return "".join(_fold_char(c) for c in text)


def paragraphs(text: str) -> list[str]:
    """Paragraphs are lines with text; blank lines between them do not count."""
    return [line for line in text.replace("\r\n", "\n").split("\n") if line.strip()]


def _around(line: str, start: int, end: int, width: int = 25) -> str:
    left = line.rfind(" ", 0, max(0, start - width))
    right = line.find(" ", min(len(line), end + width))
    snippet = line[left + 1 if left >= 0 else 0 : right if right >= 0 else len(line)]
    return ("…" if left > 0 else "") + snippet.strip() + ("…" if right >= 0 else "")


def _tone_marks(word: str) -> int:
    return sum(1 for char in unicodedata.normalize("NFD", word) if char in TONE_MARKS)


def _suggestions(word: str, limit: int = 3) -> list[str]:
    """Syllables one letter away from a non-syllable ("vữn" → "vững", "vữa")."""
    lower = word.lower()
    found = []
    candidates = set()
    for i in range(len(lower) + 1):
        for letter in VIETNAMESE_LETTERS:
            candidates.add(lower[:i] + letter + lower[i:])
            if i < len(lower):
                candidates.add(lower[:i] + letter + lower[i + 1 :])
        if i < len(lower):
            candidates.add(lower[:i] + lower[i + 1 :])
    tone = syllable_key(lower)[-1]
    ranked = sorted(candidates, key=lambda c: (len(c) != len(lower) + 1, syllable_key(c)[-1] != tone, c))
    for candidate in ranked:
        if candidate and _tone_marks(candidate) <= 1 and is_syllable(candidate):
            found.append(candidate)
        if len(found) == limit:
            break
    return found


def _repeated(paras: list[str]) -> list[Warning]:
    out, seen = [], {}
    for number, para in enumerate(paras, start=1):
        key = " ".join(unicodedata.normalize("NFC", para).split())
        if len(key.split()) < MIN_REPEATED_WORDS:
            continue
        if key in seen:
            out.append(
                Warning(
                    "repeated_paragraph",
                    f"Đoạn {number} lặp lại nguyên văn đoạn {seen[key]}.",
                    " ".join(key.split()[:12]) + "…",
                    number,
                    "Xóa một trong hai đoạn.",
                )
            )
        else:
            seen[key] = number
    return out


def _double_spaces(number: int, para: str) -> list[Warning]:
    return [
        Warning(
            "double_space",
            "Có hai (hoặc nhiều) dấu cách liền nhau.",
            re.sub(r"[ \t\u00a0]{2,}", "␣␣", _around(para, m.start(), m.end())),
            number,
            "Để một dấu cách.",
        )
        for m in re.finditer(r"(?<=\S)[ \t\u00a0]{2,}(?=\S)", para)
    ]


def _words(number: int, para: str, extra: frozenset[str]) -> list[Warning]:
    if syllables() is None:
        return []  # no dictionary: dictionary_notice() tells the user the check did not run
    out = []
    for match in WORD.finditer(para):
        word = match.group()
        if len(word) >= 2 and word.upper() == word:
            continue  # an abbreviation: BTV, HĐND, UBND, MTTQ, KT-XH
        if word.lower() in ACCEPTED_WORDS or is_syllable(word) or syllable_key(word) in extra:
            continue
        hints = _suggestions(word)
        out.append(
            Warning(
                "not_a_syllable",
                f"«{word}» không phải âm tiết tiếng Việt.",
                _around(para, match.start(), match.end()),
                number,
                f"Có thể là: {', '.join(hints)}" if hints else "",
            )
        )
    return out


def _confusions(number: int, para: str) -> list[Warning]:
    out = []
    for wrong, right in CONFUSIONS.items():
        pattern = r"(?<!\w)" + r"\s+".join(re.escape(w) for w in wrong.split()) + r"(?!\w)"
        for match in re.finditer(pattern, para, flags=re.IGNORECASE):
            out.append(
                Warning(
                    "confusion",
                    f"«{match.group()}» có thể là «{right}».",
                    _around(para, match.start(), match.end()),
                    number,
                    right,
                )
            )
    return out


def proper_runs(name: str) -> list[str]:
    """The runs of two or more capitalized words in a registry name: "Thành ủy Phủ Lý" → ["Phủ Lý"]."""
    runs, current = [], []
    for word in name.split():
        if word[:1].isupper():
            current.append(word)
            continue
        if len(current) >= 2:
            runs.append(" ".join(current))
        current = []
    if len(current) >= 2:
        runs.append(" ".join(current))
    return runs


def _same_word(written: str, registered: str, first: bool) -> bool:
    """Same letters and tone, and the same capitals (the phrase's first letter may differ in case)."""
    if syllable_key(written) != syllable_key(registered) or len(written) != len(registered):
        return False
    caps_written = [c.isupper() for c in written]
    caps_registered = [c.isupper() for c in registered]
    return caps_written[1:] == caps_registered[1:] if first else caps_written == caps_registered


def _registry_names(number: int, para: str, names: list[str]) -> list[tuple[int, int, Warning]]:
    folded = fold_keep_length(para)
    flat = " ".join(folded.split())
    out = []
    for name in names:
        words = name.split()
        folded_words = [fold_keep_length(w) for w in words]
        if " ".join(folded_words) not in flat:
            continue
        pattern = r"(?<!\w)" + r"\s+".join(re.escape(w) for w in folded_words) + r"(?!\w)"
        for match in re.finditer(pattern, folded):
            written = para[match.start() : match.end()]
            if written == written.lower() or written == written.upper():
                continue  # ordinary words ("liêm chính"), or a heading in capitals
            parts = written.split()
            if all(_same_word(w, r, i == 0) for i, (w, r) in enumerate(zip(parts, words, strict=True))):
                continue
            out.append(
                (
                    match.start(),
                    match.end(),
                    Warning(
                        "registry_name",
                        f"«{' '.join(parts)}» viết khác danh mục: «{name}».",
                        _around(para, match.start(), match.end()),
                        number,
                        name,
                    ),
                )
            )
    # Keep the longest of overlapping findings ("Trường THPT Phủ lý" over "Phủ lý").
    out.sort(key=lambda item: (item[0], -(item[1] - item[0])))
    kept, last_end = [], -1
    for start, end, warning in out:
        if start >= last_end:
            kept.append((start, end, warning))
            last_end = end
    return kept


def proofread(text: str, names: list[str] | tuple[str, ...] = ()) -> list[Warning]:
    """Every warning for a text (title, lead, body and signature as paragraphs), in reading order.
    `names` are the registry's names (organizations, places, people) that the text must write as they are."""
    text = unicodedata.normalize("NFC", text or "")
    runs: list[str] = []
    extra: set[str] = set()
    for name in names:
        name = " ".join(unicodedata.normalize("NFC", name).split())
        for run in [name] if _is_person_like(name) else proper_runs(name):
            if run not in runs:
                runs.append(run)
        extra.update(syllable_key(w) for w in WORD.findall(name))
    paras = paragraphs(text)
    warnings = _repeated(paras)
    for number, para in enumerate(paras, start=1):
        warnings += _double_spaces(number, para)
        warnings += _words(number, para, frozenset(extra))
        warnings += _confusions(number, para)
        warnings += [w for _, _, w in _registry_names(number, para, runs)]
    return sorted(warnings, key=lambda w: w.paragraph)


def _is_person_like(name: str) -> bool:
    """A person's full name: every word capitalized."""
    words = name.split()
    return len(words) >= 2 and all(w[:1].isupper() for w in words)
