from notifications.models.notifications import Notification, OutboxMail

__all__ = ["Notification", "OutboxMail"]
