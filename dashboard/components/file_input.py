"""Every file uploader on the dashboard goes through `file_input` (docs/decisions.md §27): the limit the
dropzone shows is the limit the service applies (200 MB for a submission, 10 MB for evidence), and the
dropzone's own English texts ("Upload", "200MB per file", the input's name "file upload"), which
st.file_uploader has no option for, are put in the page's language by the page's script
(dashboard/components/a11y_page.js, `uploaders`), which finds every dropzone on the page."""

from __future__ import annotations

import math
from collections.abc import Sequence

import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile


def file_input(
    label: str, *, types: Sequence[str], max_bytes: int, key: str | None = None, help: str | None = None
) -> UploadedFile | None:
    """One file of these types, at most `max_bytes` (shown on the dropzone in whole megabytes)."""
    file = st.file_uploader(
        label,
        type=list(types),
        key=key,
        help=help,
        max_upload_size=max(1, math.ceil(max_bytes / 1024 / 1024)),
    )
    return file if isinstance(file, UploadedFile) else None
