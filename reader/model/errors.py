"""The one exception bad input raises, shared by every input module."""


class InputError(Exception):
    """Bad input: the message is one line, meant for the user as it is."""
