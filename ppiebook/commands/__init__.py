"""The commands authors and CI run (``python -m ppiebook.commands.<name>``; the Makefile calls them).

- :mod:`.build`        the staged build of the site and every PDF (``make``, ``make html``, ``make pdf``)
- :mod:`.preview`      the live preview (``make serve``)
- :mod:`.dist`         a reproducible archive of the outputs (``make dist``)
- :mod:`.new`          a new programme's project from the project template (copier)
- :mod:`.citation_cff` CITATION.cff from publications.yaml
"""
