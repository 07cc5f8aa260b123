"""Windows .ico and macOS .icns files built from PNGs, in plain Python (no Pillow, no iconutil).

Both formats may hold PNG data as is: an ICO directory entry points at a PNG stream (Windows
Vista and later), and an ICNS file is a list of (type, length, PNG) chunks (macOS 10.7 and
later). Used by tools/render_desktop_icons.py; the results are committed.
"""

from __future__ import annotations

import struct
from collections.abc import Mapping

# ICNS chunk types that hold PNG data, by pixel size (the @2x types double up some sizes).
ICNS_TYPES: dict[int, tuple[bytes, ...]] = {
    16: (b"icp4",),
    32: (b"icp5", b"ic11"),
    64: (b"icp6", b"ic12"),
    128: (b"ic07",),
    256: (b"ic08", b"ic13"),
}
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    if not data.startswith(PNG_MAGIC) or data[12:16] != b"IHDR":
        raise ValueError("not a PNG file")
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def make_ico(pngs: Mapping[int, bytes]) -> bytes:
    """An ICO file holding each PNG (sizes up to 256) as its own image."""
    sizes = sorted(s for s in pngs if s in ICO_SIZES)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    entries, blobs = b"", b""
    for size in sizes:
        data = pngs[size]
        if png_size(data) != (size, size):
            raise ValueError(f"the {size} px PNG is {png_size(data)}")
        dim = 0 if size == 256 else size  # 0 means 256 in an ICO directory
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        blobs += data
        offset += len(data)
    return header + entries + blobs


def read_ico(data: bytes) -> dict[int, bytes]:
    """The PNG of each size in an ICO file written by make_ico (for tests)."""
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    if reserved != 0 or kind != 1:
        raise ValueError("not an ICO file")
    images: dict[int, bytes] = {}
    for i in range(count):
        w, _h, _c, _r, _p, _b, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * i : 22 + 16 * i]
        )
        images[w or 256] = data[offset : offset + length]
    return images


def make_icns(pngs: Mapping[int, bytes]) -> bytes:
    """An ICNS file with a PNG chunk for every size it has a type for."""
    chunks = b""
    for size in sorted(pngs):
        for kind in ICNS_TYPES.get(size, ()):
            chunks += kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size]
    return b"icns" + struct.pack(">I", 8 + len(chunks)) + chunks


def read_icns(data: bytes) -> dict[bytes, bytes]:
    """The chunks of an ICNS file, by type (for tests)."""
    if data[:4] != b"icns" or struct.unpack(">I", data[4:8])[0] != len(data):
        raise ValueError("not an ICNS file")
    chunks: dict[bytes, bytes] = {}
    pos = 8
    while pos < len(data):
        kind = data[pos : pos + 4]
        (length,) = struct.unpack(">I", data[pos + 4 : pos + 8])
        chunks[kind] = data[pos + 8 : pos + length]
        pos += length
    return chunks
