"""Two-factor sign-in costs: checking a code (worst case, a wrong code tries three time steps),
sealing and unsealing a TOTP key, and drawing the enrolment QR code as SVG.

    python bench/bench_twofactor.py
"""

import tempfile
import time
from pathlib import Path

from scratch import setup_django

ROUNDS = 2000


def per_call_us(fn, rounds=ROUNDS) -> float:
    started = time.perf_counter()
    for _ in range(rounds):
        fn()
    return (time.perf_counter() - started) / rounds * 1e6


def main() -> None:
    setup_django(Path(tempfile.mkdtemp(prefix="tdkt-bench-2fa-")))
    import qrcode
    import qrcode.image.svg

    from accounts.domain import sealing, totp

    secret = totp.new_secret()
    sealed = sealing.seal(secret)
    uri = totp.provisioning_uri(secret, "officer_a", "TDKT")
    wrong = per_call_us(lambda: totp.matching_step(secret, "000000"))
    print(f"wrong code checked (3 steps):  {wrong:8.1f} µs")
    print(f"seal a TOTP key:               {per_call_us(lambda: sealing.seal(secret)):8.1f} µs")
    print(f"unseal a TOTP key:             {per_call_us(lambda: sealing.unseal(sealed)):8.1f} µs")
    svg = lambda: qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage).to_string()  # noqa: E731
    print(f"QR code as SVG:                {per_call_us(svg, 50) / 1000:8.2f} ms "
          f"({len(svg())} bytes)")


if __name__ == "__main__":
    main()
