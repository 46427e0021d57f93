"""Production settings with the floor page added, for bench/load.py and bench/queries.py.

Everything is ``portal.settings.production`` unchanged except the URLconf: ``bench/urls.py`` is
the portal's own URLs plus ``/bench/floor/``, which the real deployment never has.
"""

from portal.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
