from claims.models.claim import Claim, ClaimCheck, ClaimEvidence, ClaimStep, FamilyMember

__all__ = ["Claim", "ClaimCheck", "ClaimEvidence", "ClaimStep", "FamilyMember"]
