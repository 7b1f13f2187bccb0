"""Files whose metadata names their author, as the tools that made them would write it, for the
blind-review tests (R14): a PDF with document information, XMP and a comment; a JPEG with EXIF,
XMP and a comment; a PNG with text chunks and EXIF; an MP4 tagged by mutagen (iTunes tags) with
a 3GPP author box, a track name and an XMP box."""

import io
import struct

from mutagen.mp4 import MP4
from PIL import Image, PngImagePlugin

XMP_UUID = bytes.fromhex("BE7ACFCB97A942E89C71999491E3AFAC")
SAMPLE = b"SAMPLE-DATA-OF-THE-VIDEO"


def traces(name: str) -> list[bytes]:
    """The ways a name's bytes appear in a file: UTF-8, UTF-16 (big- and little-endian), and a
    PDF hex string of its UTF-16BE."""
    utf16 = name.encode("utf-16-be")
    return [name.encode(), utf16, name.encode("utf-16-le"), utf16.hex().upper().encode()]


def found(name: str, content: bytes) -> list[bytes]:
    return [trace for trace in traces(name) if trace in content or trace.lower() in content]


def _xmp(name: str) -> bytes:
    return (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF'
        ' xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator><rdf:Seq>'
        f"<rdf:li>{name}</rdf:li></rdf:Seq></dc:creator></rdf:Description></rdf:RDF>"
        "</x:xmpmeta>"
    ).encode()


def _pdf_text(name: str) -> bytes:
    """A PDF text string with the name in UTF-16BE, written as literal bytes."""
    encoded = b"\xfe\xff" + name.encode("utf-16-be")
    assert not any(byte in encoded for byte in b"()\\"), "the name needs escaping"
    return b"(" + encoded + b")"


def _pdf_stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def pdf_naming(name: str, *, pages: int = 2) -> bytes:
    """A PDF of `pages` pages whose /Info (UTF-16BE and UTF-8), document and page XMP and the
    author of a comment on page 1 are `name`."""
    kids = " ".join(f"{4 + n} 0 R" for n in range(pages)).encode()
    annotation, page_xmp, info = 4 + pages, 5 + pages, 6 + pages
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /Metadata 3 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
        _pdf_stream(_xmp(name), b"/Type /Metadata /Subtype /XML"),
    ]
    for number in range(pages):
        extra = b"/Annots [%d 0 R] /Metadata %d 0 R" % (annotation, page_xmp) if not number else b""
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 300] %s >>" % extra)
    objects += [
        b"<< /Type /Annot /Subtype /Text /Rect [0 0 20 20] /T %s /Contents (check) >>"
        % _pdf_text(name),
        _pdf_stream(_xmp(name), b"/Type /Metadata /Subtype /XML"),
        b"<< /Author %s /Creator (%s) /Producer %s /Title %s /Subject %s /Keywords %s >>"
        % (
            _pdf_text(name),
            name.encode(),
            _pdf_text(name),
            _pdf_text(name),
            _pdf_text(name),
            _pdf_text(name),
        ),
    ]
    assert len(objects) == info
    output = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(output))
        output += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(output)
    output += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    output += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    output += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\n" % (len(objects) + 1, info)
    output += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(output)


def jpeg_naming(name: str) -> bytes:
    """A 40×20 JPEG, stored on its side (EXIF orientation 6), whose EXIF artist, XMP and comment
    are `name`."""
    exif = Image.Exif()
    exif[0x013B] = name  # Artist
    exif[0x0112] = 6  # Orientation: turn 90° clockwise to view
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), (200, 60, 40)).save(
        buffer, "JPEG", exif=exif, xmp=_xmp(name), comment=name.encode(), quality=90
    )
    return buffer.getvalue()


def png_naming(name: str) -> bytes:
    """A 40×20 PNG whose tEXt, iTXt and EXIF name `name`."""
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", name)
    info.add_itxt("Description", name)
    exif = Image.Exif()
    exif[0x013B] = name
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), (40, 60, 200)).save(buffer, "PNG", pnginfo=info, exif=exif)
    return buffer.getvalue()


def _box(kind: bytes, payload: bytes = b"") -> bytes:
    return struct.pack(">I4s", 8 + len(payload), kind) + payload


def _full_box(kind: bytes, payload: bytes) -> bytes:
    return _box(kind, b"\x00\x00\x00\x00" + payload)


def _mp4(*, udta: bytes, track_udta: bytes, sample_offset: int) -> bytes:
    stbl = _box(b"stbl", _full_box(b"stco", struct.pack(">II", 1, sample_offset)))
    mdia = _box(
        b"mdia",
        _full_box(b"mdhd", struct.pack(">IIII", 0, 0, 1000, 1000) + b"\x00" * 4)
        + _full_box(b"hdlr", b"\x00" * 4 + b"vide" + b"\x00" * 13)
        + _box(b"minf", stbl),
    )
    trak = _box(b"trak", _full_box(b"tkhd", b"\x00" * 80) + mdia + _box(b"udta", track_udta))
    mvhd = _full_box(b"mvhd", struct.pack(">IIII", 0, 0, 1000, 1000) + b"\x00" * 80)
    return _box(b"moov", mvhd + trak + _box(b"udta", udta))


def mp4_naming(name: str) -> bytes:
    """An MP4 (movie box before the media data, whose one chunk offset points at SAMPLE) with a
    3GPP author box, a track name and an XMP box naming `name`, then tagged by mutagen as a
    tagging tool would: artist, title and comment (©ART, ©nam, ©cmt)."""
    ftyp = _box(b"ftyp", b"isom\x00\x00\x02\x00isommp41")
    udta = _full_box(b"auth", b"\x15\xc7" + name.encode() + b"\x00")
    track_udta = _box(b"name", name.encode("utf-16-be"))
    xmp = _box(b"uuid", XMP_UUID + _xmp(name))
    size = len(_mp4(udta=udta, track_udta=track_udta, sample_offset=0))
    sample_offset = len(ftyp) + size + len(xmp) + 8
    moov = _mp4(udta=udta, track_udta=track_udta, sample_offset=sample_offset)
    video = io.BytesIO(ftyp + moov + xmp + _box(b"mdat", SAMPLE + b"\x00" * 64))
    tagged = MP4(video)
    tagged.add_tags()
    tagged["\xa9ART"], tagged["\xa9nam"], tagged["\xa9cmt"] = [name], [name], [f"作者：{name}"]
    video.seek(0)
    tagged.save(video)
    return video.getvalue()


def mp4_sample(video: bytes) -> bytes:
    """The bytes the video's one chunk offset points at (read back with mutagen's offsets
    updated after tagging)."""
    (offset,) = struct.unpack(">I", video[video.index(b"stco") + 12 :][:4])
    return video[offset : offset + len(SAMPLE)]
