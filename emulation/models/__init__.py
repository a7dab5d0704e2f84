from .initiatives import Initiative, InitiativeAuthor, InitiativeToken, InitiativeUse
from .scoring import (
    ClusterRound,
    CriteriaSet,
    Criterion,
    RoundBallot,
    RoundVoteReceipt,
    Score,
    ScoreChange,
)

__all__ = ["ClusterRound", "CriteriaSet", "Criterion", "Initiative", "InitiativeAuthor",
           "InitiativeToken", "InitiativeUse", "RoundBallot", "RoundVoteReceipt", "Score",
           "ScoreChange"]
