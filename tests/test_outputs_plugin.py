"""The generic output tests of ppiebook's pytest plugin (ppiebook.testing.outputs), run on
this project as any programme's project runs them: with the one line below. They build the
project once (the plugin's ppiebook_built fixture), so they are realbuild: not in make test-fast."""

import pytest

from ppiebook.testing.outputs import *  # noqa: F403

pytestmark = [pytest.mark.realbuild, pytest.mark.slow]
