from .tokens import ApiToken
from .users import LoginAttempt, RoleAssignment, User

__all__ = ["ApiToken", "LoginAttempt", "RoleAssignment", "User"]
