"""QR codes for certificates: the verification URL as a PNG (qrcode + Pillow)."""

import io

import qrcode
from qrcode.constants import ERROR_CORRECT_M


def qr_png(data: str, *, box_size: int = 4, border: int = 2) -> bytes:
    """PNG bytes of a QR code for `data`. Error correction M (15 %) survives a worn print; the
    version grows with the data. Deterministic: same data, same bytes."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=box_size, border=border)
    code.add_data(data)
    code.make(fit=True)
    buffer = io.BytesIO()
    code.make_image().save(buffer, format="PNG")
    return buffer.getvalue()
