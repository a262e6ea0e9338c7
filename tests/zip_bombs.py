"""Zip archives as a hostile stranger crafts them: small files that inflate to a gigabyte.

Built without ever holding the inflated data: one megabyte of zeros is deflated once with
a full flush (which resets the compressor, so the same input gives the same bytes again),
and that block is repeated. The archive is written by hand so that each entry's declared
size can be the truth (a bomb the checks see coming) or a lie (a bomb declared small).
"""

import functools
import struct
import zlib

MB = 1024 * 1024
GIB = 1024 * MB
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


@functools.lru_cache(maxsize=4)
def inflating_to(size: int) -> tuple[bytes, int]:
    """(raw deflate stream that inflates to ``size`` zero bytes, its CRC-32)."""
    assert size % MB == 0
    zeros = bytes(MB)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
    ending = zlib.compressobj(9, zlib.DEFLATED, -15).flush()
    crc = 0
    for _ in range(size // MB):
        crc = zlib.crc32(zeros, crc)
    return block * (size // MB) + ending, crc


def write_zip(entries) -> bytes:
    """``entries``: (name, data, crc, declared size, method) with data already compressed
    for method 8 (deflate) or stored as is for method 0."""
    out = bytearray()
    directory = bytearray()
    for name, data, crc, declared, method in entries:
        encoded = name.encode()
        offset = len(out)
        out += struct.pack(
            "<4s5H3L2H",
            b"PK\x03\x04",
            20,
            0,
            method,
            0,
            0,
            crc,
            len(data),
            declared,
            len(encoded),
            0,
        )
        out += encoded + data
        directory += struct.pack(
            "<4s6H3L5H2L",
            b"PK\x01\x02",
            20,
            20,
            0,
            method,
            0,
            0,
            crc,
            len(data),
            declared,
            len(encoded),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        directory += encoded
    start = len(out)
    out += directory
    out += struct.pack(
        "<4s4H2LH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(directory), start, 0
    )
    return bytes(out)


def stored(name: str, data: bytes):
    return (name, data, zlib.crc32(data), len(data), 0)


def deflated(name: str, data: bytes):
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    raw = compressor.compress(data) + compressor.flush()
    return (name, raw, zlib.crc32(data), len(data), 8)


def bomb(name: str, size: int = GIB, declared: int | None = None):
    """An entry that inflates to ``size`` bytes and declares ``declared`` (the truth when
    None)."""
    raw, crc = inflating_to(size)
    return (name, raw, crc, size if declared is None else declared, 8)


def odt_bomb(declared: int | None = None) -> bytes:
    """An ODT of about 1 MB whose ``mimetype`` entry inflates to 1 GiB."""
    return write_zip([bomb("mimetype", declared=declared), deflated("content.xml", b"<x/>")])


def docx_bomb() -> bytes:
    """A DOCX of about 1 MB whose ``word/document.xml`` inflates to 1 GiB."""
    return write_zip([deflated("[Content_Types].xml", b"<Types/>"), bomb("word/document.xml")])


def xlsx_bomb() -> bytes:
    """An XLSX whose first sheet inflates to 1 GiB."""
    return write_zip(
        [
            deflated("[Content_Types].xml", b"<Types/>"),
            deflated("xl/workbook.xml", b"<workbook/>"),
            bomb("xl/worksheets/sheet1.xml"),
        ]
    )


def many_entries(count: int) -> bytes:
    """A small archive with ``count`` empty entries (each costs the reader memory)."""
    return write_zip([stored(f"f{index}", b"") for index in range(count)])
