"""QR codes of the printable sheets, as small PNG images written inside the page.

segno encodes the text; the image is written here: a 1-bit greyscale PNG of a few hundred bytes.
The mask is fixed instead of chosen by scoring all eight (what readers do not need, and 80 % of the
encoding time): with thousands of sheets, the QR codes were the slowest part of the build."""
from __future__ import annotations

import base64
import struct
import zlib
from functools import lru_cache

import segno

SCALE = 4  # pixels per module: drawn at natural size on screen, 30 mm on paper
BORDER = 2  # quiet zone, in modules
MASK = 0


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png(matrix, scale: int = SCALE, border: int = BORDER) -> tuple[bytes, int]:
    """A 1-bit greyscale PNG of a module matrix (rows of 0/1, 1 = dark); returns (bytes, side in pixels)."""
    n = len(matrix) + 2 * border
    side = n * scale
    light = "1" * border
    lines = []
    for row in [None] * border + list(matrix) + [None] * border:
        bits = "1" * n if row is None else light + "".join("0" if v else "1" for v in row) + light
        pixels = "".join(b * scale for b in bits)
        pixels += "1" * (-len(pixels) % 8)  # pad the row to whole bytes
        line = b"\x00" + int(pixels, 2).to_bytes(len(pixels) // 8, "big")
        lines.extend([line] * scale)
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)  # 1 bit, greyscale, no interlace
    data = b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(b"".join(lines), 9)) + _chunk(b"IEND", b"")
    return data, side


@lru_cache(maxsize=None)
def qr_image(text: str) -> tuple[str, int]:
    """(data: address of the PNG, side in pixels) of the QR code of `text`."""
    code = segno.make(text, error="m", micro=False, mask=MASK)
    data, side = png(code.matrix)
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii"), side
