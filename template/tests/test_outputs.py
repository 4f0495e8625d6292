"""The ppiebook package's checks of the built site and PDFs (ppiebook.testing.outputs):
every publication's print and tagged PDF, the PDF/UA validation, valid HTML, links, and the
pages in a browser. They build the project once per run. Add this project's own tests
beside this file."""

from ppiebook.testing.outputs import *  # noqa: F403
