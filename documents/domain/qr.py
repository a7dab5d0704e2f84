"""QR codes for certificates: the verification URL as a PNG (qrcode + Pillow)."""

import io

import qrcode
from qrcode.constants import ERROR_CORRECT_M

# The data mask is fixed instead of chosen by penalty score. ISO/IEC 18004:2015 §7.8 lets a
# reader decode any of the eight masks (the format information names the one used); scoring all
# eight (qrcode's `best_mask_pattern`: eight trial encodings and a pure-Python penalty count)
# was 70 % of a code's time and a fifth of a certificate's. Pattern 0, the checkerboard
# (i + j) mod 2, breaks up the long runs and blocks that scoring guards against.
MASK_PATTERN = 0


def qr_png(data: str, *, box_size: int = 4, border: int = 2) -> bytes:
    """PNG bytes of a QR code for `data`. Error correction M (15 %) survives a worn print; the
    version grows with the data. Deterministic: same data, same bytes."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=box_size, border=border,
                         mask_pattern=MASK_PATTERN)
    code.add_data(data)
    code.make(fit=True)
    buffer = io.BytesIO()
    code.make_image().save(buffer, format="PNG")
    return buffer.getvalue()
