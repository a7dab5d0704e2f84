from .tokens import ApiToken
from .twofactor import RecoveryCode, TwoFactorDevice
from .users import LoginAttempt, RoleAssignment, User

__all__ = ["ApiToken", "LoginAttempt", "RecoveryCode", "RoleAssignment", "TwoFactorDevice",
           "User"]
