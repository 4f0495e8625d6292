"""The renderers' own complaints, collected so that they fail the build.

rst2pdf and WeasyPrint log a missing image, dropped content or a failed document to
their own loggers and carry on; Sphinx's ``-W`` never sees those. A :class:`Recorder`
takes the place of a logger's handlers while an edition renders and keeps every
warning and error, which the edition then reports with its file and line.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager


class Recorder(logging.Handler):
    """Keeps every record of level warning or above that a logger emits while attached."""

    def __init__(self, logger_name: str) -> None:
        super().__init__(level=logging.WARNING)
        self.logger = logging.getLogger(logger_name)
        self.records: list[logging.LogRecord] = []
        #: What the edition is rendering (set by the builder): kept on each record as
        #: ``record.ppiebook_context``, to place a complaint that names no file or line.
        self.context: object = None
        self._saved: tuple[list[logging.Handler], bool] | None = None

    def emit(self, record: logging.LogRecord) -> None:
        record.ppiebook_context = self.context
        self.records.append(record)

    def attach(self) -> None:
        # The logger's own handlers would print each problem a second time, less clearly.
        self._saved = self.logger.handlers[:], self.logger.propagate
        self.logger.handlers[:] = [self]
        self.logger.propagate = False

    def detach(self) -> list[logging.LogRecord]:
        if self._saved is not None:
            self.logger.handlers[:], self.logger.propagate = self._saved
            self._saved = None
        return self.records


def attached(logger_name: str) -> Recorder | None:
    """The recorder now attached to that logger, if any."""
    return next((h for h in logging.getLogger(logger_name).handlers if isinstance(h, Recorder)), None)


@contextmanager
def recording(logger_name: str) -> Iterator[list[logging.LogRecord]]:
    recorder = Recorder(logger_name)
    recorder.attach()
    try:
        yield recorder.records
    finally:
        recorder.detach()
