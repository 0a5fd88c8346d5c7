"""The error every service raises when a rule says no; its message is translated and safe to show."""


class DomainError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message
