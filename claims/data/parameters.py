"""Working limits of the claims app (not law). The criteria numbers of the honours (Bà mẹ
Việt Nam anh hùng, families with many martyrs) are law: they moved to the law's dated home,
awards/data/procedure.py (issue 16 point 3), read by claims.domain.criteria.
"""


# How long a claim may stay in each stage before the dashboard counts it overdue (days). These
# are the board's working targets, not law: no legal text sets them.
STAGE_LIMIT_DAYS = {
    "registered": 15,
    "waiting_evidence": 90,
    "verifying": 30,
    "verified": 30,
    "proposed": 180,
}

