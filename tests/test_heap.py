"""glibc is told to hand large blocks back: a large update's peak is what it holds at once."""

from __future__ import annotations

import platform

import pytest

from transflow.heap import return_large_blocks


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="mallopt is glibc's: nothing is set elsewhere")
def test_the_mmap_threshold_is_set_where_glibc_is_the_c_library() -> None:
    assert return_large_blocks() is True
