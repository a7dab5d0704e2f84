from .initiatives import Initiative, InitiativeAuthor, InitiativeToken, InitiativeUse

__all__ = ["Initiative", "InitiativeAuthor", "InitiativeToken", "InitiativeUse"]
