"""Atomic output writes: the usual file mode, nothing partial left behind on failure."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from totudocs import files


def test_written_file_has_the_usual_mode_and_no_temporary_remains(tmp_path: Path) -> None:
    target = tmp_path / "out" / "KELA-1.pdf"
    files.write_atomic(target, b"%PDF-1.7 ...")
    assert target.read_bytes() == b"%PDF-1.7 ..."
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask
    assert not list(target.parent.glob(files.TEMPORARY_GLOB))


def test_a_failed_write_keeps_the_previous_output_and_cleans_up(tmp_path: Path) -> None:
    target = tmp_path / "KELA-1.pdf"
    files.write_atomic(target, b"first")

    class Interrupted(BaseException):
        pass

    def interrupted_write(*_args: object) -> None:
        raise Interrupted

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "replace", interrupted_write)
        with pytest.raises(Interrupted):
            files.write_atomic(target, b"second")
    assert target.read_bytes() == b"first"
    assert not list(tmp_path.glob(files.TEMPORARY_GLOB))


def test_remove_partial_files_leaves_finished_outputs(tmp_path: Path) -> None:
    (tmp_path / "KELA-1.pdf").write_bytes(b"done")
    (tmp_path / ".KELA-2.pdf.abc123.tmp").write_bytes(b"half")
    assert files.remove_partial_files(tmp_path) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["KELA-1.pdf"]
