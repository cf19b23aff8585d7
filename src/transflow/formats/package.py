"""Zip packages (DOCX, ODT): their members read with limits, and written back losslessly.

A translated package differs from its source only in the members whose text changed: every
other member is copied byte for byte (local header, data and central record), so the
compression, order, timestamps and extra fields of the source survive. A package with no
change is the source's bytes.
"""

from __future__ import annotations

import html
import io
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Mapping
from functools import lru_cache

from ..errors import MarkupError, SourceError
from ..model import Block, Unit, UnitMode

SEPARATOR = "\0"  # between a package's parts in the one text a format segments (XML holds no NUL)
MAX_MEMBER = 64 << 20  # bytes a member we read may unpack to
MAX_RATIO = 200  # unpacked / packed: beyond it, a zip bomb
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an encrypted Office file (or an old .doc) is OLE, not zip


def open_package(raw: bytes, path: str, kind: str) -> zipfile.ZipFile:
    """The zip of a package, or a SourceError saying why it cannot be one."""
    if raw.startswith(_OLE):
        raise SourceError(
            f"an encrypted or old-format file, not a {kind} package",
            path=path,
            hint=f"remove the password, or open it in {kind} and save it in today's format",
        )
    try:
        package = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError):
        raise SourceError(
            f"not a {kind} package (not a zip file)", path=path, hint=f"open it in {kind} and save it again"
        ) from None
    if any(info.flag_bits & 0x1 for info in package.infolist()):
        raise SourceError("an encrypted zip", path=path, hint="save it again without a password")
    return package


def read_member(package: zipfile.ZipFile, name: str, path: str) -> str:
    """A member's XML as text, within the size bounds, refused when it declares a DTD."""
    info = package.getinfo(name)
    if info.file_size > MAX_MEMBER or info.file_size > MAX_RATIO * max(info.compress_size, 1024):
        raise SourceError(
            f"{name} unpacks to {info.file_size:,} bytes: too large to be a statement (a zip bomb?)",
            path=path,
            hint="check where the file comes from",
        )
    try:
        data = package.read(name)
        text = data.decode("utf-8")
    except (zipfile.BadZipFile, zlib.error, EOFError) as problem:
        raise SourceError(f"{name} cannot be unpacked: {problem}", path=path, hint="save it again") from None
    except UnicodeDecodeError:
        raise SourceError(f"{name} is not UTF-8", path=path, hint="save the document again") from None
    if "<!DOCTYPE" in text[:4096] or "<!ENTITY" in text:
        raise SourceError(f"{name} declares a DTD or entities", path=path, hint="transflow reads no entities")
    if "\0" in text:
        raise SourceError(f"{name} holds a NUL character", path=path, hint="save the document again")
    return text


def rewrite_package(raw: bytes, changed: Mapping[str, bytes]) -> bytes:
    """The zip ``raw`` with the members in ``changed`` replaced (deflated), all else kept as bytes."""
    if not changed:
        return raw
    package = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    records: list[bytes] = []
    for info in package.infolist():
        offset = out.tell()
        central = _central_record(raw, info)
        if info.filename in changed:
            data = changed[info.filename]
            packed = _deflate(data)
            crc = zlib.crc32(data) & 0xFFFFFFFF
            name = info.filename.encode("utf-8" if info.flag_bits & 0x800 else "cp437")
            flags = info.flag_bits & ~0x8  # sizes in the local header: no data descriptor
            local = struct.pack(
                "<4s5H3L2H", b"PK\x03\x04", 20, flags, 8, *_dos_time(info), crc, len(packed), len(data),
                len(name), 0,
            ) + name  # fmt: skip
            out.write(local + packed)
            central = (
                central[:8]
                + struct.pack("<2H", flags, 8)
                + central[12:16]
                + struct.pack("<3L", crc, len(packed), len(data))
                + central[28:]
            )
        else:
            start = info.header_offset
            name_length, extra_length = struct.unpack("<2H", raw[start + 26 : start + 30])
            end = start + 30 + name_length + extra_length + info.compress_size
            if info.flag_bits & 0x8:  # a data descriptor follows the data
                end += 16 if raw[end : end + 4] == b"PK\x07\x08" else 12
            out.write(raw[start:end])
        records.append(central[:42] + struct.pack("<L", offset) + central[46:])
    directory_offset = out.tell()
    directory = b"".join(records)
    out.write(directory)
    comment = package.comment
    out.write(
        struct.pack(
            "<4s4H2LH",
            b"PK\x05\x06",
            0,
            0,
            len(records),
            len(records),
            len(directory),
            directory_offset,
            len(comment),
        )
        + comment
    )
    return out.getvalue()


def _deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def _dos_time(info: zipfile.ZipInfo) -> tuple[int, int]:
    year, month, day, hour, minute, second = info.date_time
    return (hour << 11) | (minute << 5) | (second // 2), ((year - 1980) << 9) | (month << 5) | day


def _central_record(raw: bytes, info: zipfile.ZipInfo) -> bytes:
    """The member's central directory record, as the source has it."""
    end = raw.rfind(b"PK\x05\x06")
    count, _, offset = struct.unpack("<2xH L L", raw[end + 8 : end + 20]) if end >= 0 else (0, 0, 0)
    position = offset
    for _ in range(count):
        name_length, extra_length, comment_length = struct.unpack("<3H", raw[position + 28 : position + 34])
        length = 46 + name_length + extra_length + comment_length
        record = raw[position : position + length]
        local_offset = struct.unpack("<L", record[42:46])[0]
        if local_offset == info.header_offset:
            return record
        position += length
    raise SourceError(f"{info.filename}: the zip's central directory does not list it")


def changed_parts(
    names: list[str], old_text: str, new_text: str, separator: str, check: Callable[[str, str], None]
) -> dict[str, bytes]:
    """The parts (joined by ``separator`` in both texts) whose text changed, each checked."""
    changed: dict[str, bytes] = {}
    for name, new, old in zip(names, new_text.split(separator), old_text.split(separator), strict=True):
        if new != old:
            check(new, name)
            changed[name] = new.encode("utf-8")
    return changed


def check_well_formed(text: str, name: str) -> None:
    """MarkupError when a built part is not well-formed XML: a package that would not open
    is never written."""
    from xml.etree.ElementTree import ParseError

    from defusedxml import ElementTree

    try:
        ElementTree.fromstring(text.encode("utf-8"))
    except ParseError as problem:
        raise MarkupError(f"{name} would not be well-formed XML: {problem}") from None


def element_end(xml: str, start: int, name: str) -> int:
    """The end of the element named ``name`` that opens at ``start``, nesting counted (the
    package's XML is scanned as text, never parsed and written again)."""
    depth = 0
    for match in _element_tags(name).finditer(xml, start):
        if match.group(2):  # <name/>
            if depth == 0:
                return match.end()
            continue
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return match.end()
    raise SourceError(f"<{name}> is never closed")


@lru_cache(maxsize=64)
def _element_tags(name: str) -> re.Pattern[str]:
    return re.compile(rf"<(/?){re.escape(name)}(?=[\s/>])[^>]*?(/?)>")


def rebuilt_package(raw: bytes, names: list[str], old_text: str, new_text: str) -> bytes:
    """The package ``raw`` with the parts ``names`` (joined by SEPARATOR in both texts) whose
    text changed checked and written anew."""
    return rewrite_package(raw, changed_parts(names, old_text, new_text, SEPARATOR, check_well_formed))


_PROPERTIES = re.compile(r"(<dc:(title|description)>)([^<]*)(</dc:\2>)")


def property_units(
    part: str, offset: int, start: int, end: int, mode: UnitMode, blocks: list[Block], units: list[Unit]
) -> None:
    """The document's title and description (Dublin Core, in ``part[start:end]``) as units."""
    for match in _PROPERTIES.finditer(part, start, end):
        value = html.unescape(match.group(3))
        if value.strip():
            begin, finish = offset + match.start(3), offset + match.end(3)
            kind = "title" if match.group(2) == "title" else "description"
            blocks.append(Block(len(blocks) + 1, kind, begin, finish))
            units.append(Unit(begin, finish, match.group(3), value, kind, len(blocks), 1, kind, mode))
