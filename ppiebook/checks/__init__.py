"""Content checks behind `make check`: each module looks at one kind of problem and
returns :class:`~ppiebook.checks.findings.Finding` objects; ``python -m ppiebook.checks``
runs them all and prints a report with a summary table."""
