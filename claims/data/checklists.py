"""The verification checklist of each claim kind, as data: the records an officer consults
and the evidence kinds that back each item. The ledger item is checked by TĐKT itself (an
earlier award for the same service must not be given twice: Law 06/2022/QH15 Art. 5.2c)."""

from django.utils.translation import gettext_lazy as _

from claims.enums import ClaimKind, EvidenceKind

LEDGER = "ledger"

# item code → (label, evidence kinds that can back it)
ITEMS = {
    "identity": (_("Identity and household papers"), (EvidenceKind.IDENTITY,)),
    "service_record": (_("Military service / work record"), (EvidenceKind.SERVICE_RECORD,)),
    "party_record": (_("Party membership record"), (EvidenceKind.PARTY_RECORD,)),
    "witnesses": (_("Witness statements (two people who served alongside)"),
                  (EvidenceKind.WITNESS,)),
    "commune": (_("Commune People's Committee confirmation"),
                (EvidenceKind.COMMUNE_CONFIRMATION,)),
    "martyr_certificates": (_("Martyr certificates of the family's martyrs"),
                            (EvidenceKind.MARTYR_CERTIFICATE,)),
    "family_statement": (_("Family statement (children, husband)"),
                         (EvidenceKind.FAMILY_STATEMENT,)),
    LEDGER: (_("No earlier award in the ledger for the same service"), ()),
}

CHECKLISTS = {
    ClaimKind.RESISTANCE: ("identity", "service_record", "party_record", "witnesses", "commune",
                           LEDGER),
    ClaimKind.HEROIC_MOTHER: ("identity", "martyr_certificates", "family_statement", "commune",
                              LEDGER),
    ClaimKind.MARTYR_FAMILY: ("identity", "martyr_certificates", "family_statement", LEDGER),
}

# The number of witness statements the procedure asks for. UNVERIFIED: the house's reading of
# the provincial guidance; the legal reference has no text on it.
WITNESSES_REQUIRED = 2

# The award each kind leads to by default (catalogue codes); a resistance claim's award is
# chosen by the officer when proposing (the resistance orders are not in our catalogue).
DEFAULT_AWARD = {ClaimKind.HEROIC_MOTHER: "ba_me_vnah"}
# Awards in the ledger that settle the same service (a second one is refused).
SAME_SERVICE_AWARDS = {
    ClaimKind.HEROIC_MOTHER: ("ba_me_vnah",),
    ClaimKind.MARTYR_FAMILY: ("hc_doc_lap_1", "hc_doc_lap_2", "hc_doc_lap_3"),
}
