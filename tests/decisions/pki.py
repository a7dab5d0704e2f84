"""A throw-away PKI for the signing tests, made with `cryptography` (no network): a root CA,
signers' certificates (valid, expired, from another CA) and the organisation's PKCS#12 file.
EC P-256 keys: generated in a millisecond, so each test makes its own."""

import datetime
import io
from dataclasses import dataclass

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

from decisions.domain.signatures import SIGNER_FIELD


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                      x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


@dataclass
class Identity:
    key: ec.EllipticCurvePrivateKey
    cert: x509.Certificate

    @property
    def asn1(self) -> asn1_x509.Certificate:
        return asn1_x509.Certificate.load(self.cert.public_bytes(serialization.Encoding.DER))

    @property
    def pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)


def _certificate(subject: str, key, issuer: Identity | None, *, ca: bool,
                 valid_days=(-30, 365)) -> x509.Certificate:
    now = datetime.datetime.now(datetime.UTC)
    builder = (x509.CertificateBuilder().subject_name(_name(subject))
               .issuer_name(issuer.cert.subject if issuer else _name(subject))
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now + datetime.timedelta(days=valid_days[0]))
               .not_valid_after(now + datetime.timedelta(days=valid_days[1]))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
               .add_extension(x509.KeyUsage(
                   digital_signature=True, content_commitment=not ca, key_encipherment=False,
                   data_encipherment=False, key_agreement=False, key_cert_sign=ca, crl_sign=ca,
                   encipher_only=False, decipher_only=False), critical=True))
    return builder.sign(issuer.key if issuer else key, hashes.SHA256())


def make_ca(name: str = "Test Root CA") -> Identity:
    key = ec.generate_private_key(ec.SECP256R1())
    return Identity(key, _certificate(name, key, None, ca=True, valid_days=(-365, 3650)))


def make_signer(ca: Identity, name: str = "Nguyễn Văn Ký", *,
                valid_days=(-30, 365)) -> Identity:
    key = ec.generate_private_key(ec.SECP256R1())
    return Identity(key, _certificate(name, key, ca, ca=False, valid_days=valid_days))


def pyhanko_signer(identity: Identity, ca: Identity) -> signers.SimpleSigner:
    key = asn1_keys.PrivateKeyInfo.load(identity.key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    return signers.SimpleSigner(signing_cert=identity.asn1, signing_key=key,
                                cert_registry=SimpleCertificateStore.from_certs([ca.asn1]))


def sign(pdf: bytes, identity: Identity, ca: Identity, *, field: str = SIGNER_FIELD,
         writer_hook=None) -> bytes:
    """Sign as the signer's plug-in would: an incremental update filling `field`.
    `writer_hook(writer)` changes the document in the same revision (a forger's edit)."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    if writer_hook is not None:
        writer_hook(writer)
    out = io.BytesIO()
    signers.sign_pdf(writer, signers.PdfSignatureMetadata(field_name=field),
                     signer=pyhanko_signer(identity, ca), output=out)
    return out.getvalue()


def write_anchor(tmp_path, ca: Identity, name: str = "root.pem") -> str:
    path = tmp_path / name
    path.write_bytes(ca.pem)
    return str(path)


def write_pkcs12(tmp_path, identity: Identity, ca: Identity, password: str) -> str:
    path = tmp_path / "organisation.p12"
    path.write_bytes(pkcs12.serialize_key_and_certificates(
        b"org", identity.key, identity.cert, [ca.cert],
        serialization.BestAvailableEncryption(password.encode())))
    return str(path)
