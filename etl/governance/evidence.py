"""The evidence file of a dispute (이의 제기 증빙): a PDF, HWPX or XLSX, recognised by its bytes, not by its
name alone, bounded in size, and kept in the archive under its SHA-256 like a submitted file.

Why the bytes: a name says nothing about what a file is. A PDF starts with "%PDF-"; HWPX and XLSX are ZIP
packages told apart by their parts (HWPX: a "mimetype" part saying application/hwp+zip; XLSX: xl/workbook.xml).
The name's extension must agree with what the bytes are, so a reader who downloads it opens what it says.
"""

from __future__ import annotations

import hashlib
import io
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePath

from etl.ledger import archive

KINDS = {".pdf": "PDF", ".hwpx": "HWPX", ".xlsx": "XLSX"}
MAX_NAME = 200


def max_bytes() -> int:
    """GOVDASH_MAX_EVIDENCE_MB (default 10): the largest evidence file accepted."""
    return int(float(os.environ.get("GOVDASH_MAX_EVIDENCE_MB") or 10) * 1024 * 1024)


@dataclass(frozen=True)
class Evidence:
    filename: str
    path: str  # relative to the archive root
    sha256: str
    size_bytes: int


def sniff(content: bytes) -> str | None:
    """'.pdf', '.hwpx' or '.xlsx' from the bytes, or None."""
    if content.startswith(b"%PDF-"):
        return ".pdf"
    if not content.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as book:
            names = set(book.namelist())
            if "mimetype" in names and book.read("mimetype").strip() == b"application/hwp+zip":
                return ".hwpx"
            if "xl/workbook.xml" in names and "[Content_Types].xml" in names:
                return ".xlsx"
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, KeyError):
        return None
    return None


def check(filename: str, content: bytes) -> str:
    """The file's kind (its suffix), or ValueError with a message that says what to send instead."""
    name = PurePath(filename or "").name
    suffix = PurePath(name).suffix.lower()
    allowed = ", ".join(KINDS.values())
    if not name or len(name) > MAX_NAME or "\x00" in name:
        raise ValueError(f"증빙 파일 이름이 올바르지 않습니다 (the evidence file's name is not valid): {name[:40]!r}")
    if suffix not in KINDS:
        raise ValueError(
            f"증빙 파일은 {allowed}만 받습니다. '{name}'은(는) 받을 수 없습니다 "
            f"(evidence must be a {allowed} file; '{name}' is not)"
        )
    limit = max_bytes()
    if len(content) > limit:
        raise ValueError(
            f"증빙 파일이 {len(content) / 1048576:,.1f}MB로 최대 {limit / 1048576:,.0f}MB를 넘습니다 "
            f"(the evidence file is {len(content):,} bytes; at most {limit:,})"
        )
    if not content:
        raise ValueError(f"증빙 파일 '{name}'이(가) 비어 있습니다 (the evidence file is empty)")
    kind = sniff(content)
    if kind != suffix:
        found = KINDS.get(kind or "", "알 수 없는 형식 (unknown)")
        raise ValueError(
            f"'{name}'의 내용이 {KINDS[suffix]} 파일이 아닙니다(실제 형식: {found}). {allowed} 파일을 올리십시오 "
            f"(the content of '{name}' is not a {KINDS[suffix]} file but {found}; send a {allowed} file)"
        )
    return suffix


def store_file(archive_dir: Path, slot: Path, filename: str, content: bytes) -> Evidence:
    """Check the file, then write it durably as <slot>/<sha256>.evidence<suffix> under the archive."""
    suffix = check(filename, content)
    sha = hashlib.sha256(content).hexdigest()
    relative = slot / f"{sha}.evidence{suffix}"
    target = archive_dir / relative
    if not target.exists():  # content-addressed: the same bytes are the same file
        archive.write_atomic(target, content)
    return Evidence(PurePath(filename).name, str(relative), sha, len(content))
