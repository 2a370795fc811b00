"""Errors the command line turns into one clear line and exit code 2."""


class ToolkitError(Exception):
    """A problem with the user's input, not a bug: shown as one line."""


class MissingPathError(ToolkitError):
    pass


class UnknownFormatError(ToolkitError):
    pass
