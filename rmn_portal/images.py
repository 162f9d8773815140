"""Small images people upload (organisation logos): accepted by their
content, re-encoded from their pixels alone, so that EXIF, GPS, XMP, ICC
profiles and comments never reach storage.

Decoding is bounded: Pillow refuses images over MAX_PIXELS before it
allocates them (decompression bombs), and callers cap the byte size.
"""

from io import BytesIO

from PIL import Image, ImageOps

MAX_PIXELS = 4096 * 4096
FORMATS = {  # magic bytes → (Pillow format, content type)
    b"\x89PNG\r\n\x1a\n": ("PNG", "image/png"),
    b"\xff\xd8\xff": ("JPEG", "image/jpeg"),
}


class NotAnImage(ValueError):
    pass


def sniff(data: bytes) -> tuple[str, str]:
    for magic, kind in FORMATS.items():
        if data.startswith(magic):
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP", "image/webp"
    raise NotAnImage("not a PNG, JPEG or WebP image")


def clean_image(data: bytes, max_side: int | None = None) -> tuple[bytes, str]:
    """Re-encode an image from its pixels: upright, without any metadata,
    optionally scaled down so its longer side is at most `max_side`."""
    image_format, content_type = sniff(data)
    try:
        with Image.open(BytesIO(data)) as image:
            if image.format != image_format or image.width * image.height > MAX_PIXELS:
                raise NotAnImage("damaged or too large")
            upright = ImageOps.exif_transpose(image)
            if max_side and max(upright.size) > max_side:
                upright.thumbnail((max_side, max_side))
            pixels = _bare_copy(upright, image_format)
    except (OSError, SyntaxError, Image.DecompressionBombError) as error:
        raise NotAnImage("damaged") from error
    out = BytesIO()
    options = {"PNG": {"optimize": True}, "JPEG": {"quality": 90}, "WEBP": {"quality": 90}}
    pixels.save(out, format=image_format, **options[image_format])
    return out.getvalue(), content_type


def _bare_copy(image: Image.Image, image_format: str) -> Image.Image:
    """A new image built from raw pixel bytes carries none of the original's metadata."""
    if image_format == "JPEG":
        mode = image.mode if image.mode in ("L", "RGB") else "RGB"
    else:
        mode = "RGBA" if ("A" in image.mode or "transparency" in image.info) else "RGB"
    converted = image.convert(mode) if image.mode != mode else image
    return Image.frombytes(converted.mode, converted.size, converted.tobytes())
