"""The exceptions of newsnlp. The native module raises these; each is also a subclass of the built-in
exception a Python user would expect (a bad option is a ValueError, an unreadable input an OSError)."""


class Error(Exception):
    """Any error of newsnlp."""


class ConfigError(Error, ValueError):
    """An option or config file is invalid (an unknown backend, a rules file that is not valid)."""


class InputError(Error, OSError):
    """An input cannot be read at all (a missing file, a Parquet file that is not Parquet, an iterable that
    raised). A single bad record is never an error: it becomes a `rejected` row."""


class ModelError(Error):
    """A model file is missing, corrupt or needs a feature this build lacks."""


class RejectedError(Error, ValueError):
    """`nlp(text)` was given a text that cannot be analysed (empty after cleaning, too large); the message
    says why, as the `reason` column of the articles table would."""


class InternalError(Error):
    """newsnlp failed inside (a bug): the analysis stopped, the interpreter did not."""
