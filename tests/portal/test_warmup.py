"""A web process compiles our templates and loads every language before it serves anyone."""

import gc

from django.template import engines
from django.template.loaders.cached import Loader as CachedLoader

from portal.warmup import our_templates, warm

DEPLOY = __import__("pathlib").Path(__file__).resolve().parents[2] / "deploy" / "gunicorn.conf.py"


def test_a_warmed_process_has_every_template_of_ours_compiled():
    loader = engines["django"].engine.template_loaders[0]
    assert isinstance(loader, CachedLoader)
    loader.reset()

    compiled = warm()

    names = our_templates()
    assert "base.html" in names and "fgdm/case_page.html" in names
    assert compiled == len(names)
    assert set(names) <= set(loader.get_template_cache)


def test_gunicorn_warms_the_master_before_it_forks_its_workers():
    conf = {}
    exec(compile(DEPLOY.read_text(), str(DEPLOY), "exec"), conf)  # noqa: S102 - our own config file

    assert conf["preload_app"] is True
    logged = []

    class Server:
        class log:
            @staticmethod
            def info(message, *args):
                logged.append(message % args)

    try:
        conf["when_ready"](Server())
        frozen = gc.get_freeze_count()
    finally:
        gc.unfreeze()
    assert logged and logged[0].startswith(f"Warmed {len(our_templates())} templates")
    # What the master loaded is out of the collector's sight, in every worker forked from it.
    said = int(logged[1].removeprefix("Froze ").removesuffix(" objects out of the garbage collector's sight"))
    assert said > 10_000 and frozen > 10_000
