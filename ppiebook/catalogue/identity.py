"""Derive Sphinx's own settings from the catalogue, so identity lives in one file."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.errors import ConfigError

from ppiebook.catalogue.publications import Catalogue, CatalogueError, Programme, load_catalogue
from ppiebook.i18n import requested_translation, translate_data
from ppiebook.state import build_state, project_data


def catalogue_of(app: Sphinx) -> Catalogue:
    """The catalogue loaded for this build (set at ``config-inited``)."""
    catalogue = build_state(app).catalogue
    assert catalogue is not None, "the catalogue is loaded at config-inited"
    return catalogue


def catalogue_in(env: BuildEnvironment) -> Catalogue:
    """The same catalogue, for directives, which see the environment but not the app."""
    return project_data(env).catalogue


def load_identity(app: Sphinx, config: Config) -> None:
    """Load ``publications.yaml`` and fill in the settings derived from it."""
    path = Path(app.confdir) / config.ppiebook_catalogue
    try:
        catalogue = load_catalogue(path)
    except CatalogueError as exc:
        raise ConfigError(str(exc)) from None
    build_state(app).catalogue = catalogue

    programme = catalogue.programme
    config.project = programme.name
    config.author = programme.name
    config.copyright = f"{programme.name}. Content licensed {programme.licence}"
    config.html_title = translate_data(programme.name)
    if "myst_substitutions" in config:
        # Pages write {{ programme }}; conf.py's own substitutions and a page's front matter win.
        config.myst_substitutions = {**substitutions(programme), **config.myst_substitutions}
    if programme.base_url:
        config.html_baseurl = programme.base_url
    if programme.logo and not config.html_logo:
        config.html_logo = str(catalogue.path.parent / programme.logo["file"])
    # A translation is built with ``-D language=ur`` (which Sphinx needs before extensions
    # load, to pick its own and the theme's catalogues); otherwise the programme's language.
    # Sphinx spells regional languages with an underscore (en_GB).
    if not requested_translation(config):
        config.language = programme.language.replace("-", "_")


def substitutions(programme: Programme) -> dict[str, str]:
    """What a page can write as ``{{ name }}`` (MyST's substitution extension), from the
    catalogue, so the programme's name and funder are spelt in one place. Names and funders
    are translated as other catalogue text is; a value the catalogue leaves empty is not
    offered, so ``{{ funder }}`` with no funder stops the build instead of printing nothing."""
    values = {
        "programme": translate_data(programme.name),
        "funder": translate_data(programme.funder),
        "contact": programme.contact,
        "licence": programme.licence,
    }
    return {name: value for name, value in values.items() if value}


def check_roots(app: Sphinx) -> None:
    """Every publication's root must be a document of the project."""
    project_data(app.env).catalogue = catalogue_of(app)
    try:
        catalogue_of(app).check_roots(set(app.project.docnames), list(app.config.source_suffix))
    except CatalogueError as exc:
        raise ConfigError(str(exc)) from None
