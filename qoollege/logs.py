"""Logging helpers an operator can trust."""

import logging


class OneLineWarning(logging.Filter):
    """
    Turn a security error Django logs with a traceback (a request for a host outside
    ALLOWED_HOSTS) into one warning line: the 400 it answered is the whole story.
    """

    def filter(self, record):
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        record.msg = " ".join(str(record.getMessage()).split())[:300]
        record.args = ()
        return True
