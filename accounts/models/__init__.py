from .users import LoginAttempt, RoleAssignment, User

__all__ = ["LoginAttempt", "RoleAssignment", "User"]
