"""Flat OpenDocument text (.fodt): one XML file, segmented and restored as ODT's parts are,
built as text (no package)."""

from __future__ import annotations

from dataclasses import replace

from ..model import Document
from .common import Format, Segmentation
from .odt import localize, restore
from .odt import segment as segment_odt


def segment(text: str, path: str, segmentation: Segmentation) -> Document:
    return replace(segment_odt(text, path, segmentation), format="fodt")


FORMAT = Format("fodt", segment, restore, localize)
