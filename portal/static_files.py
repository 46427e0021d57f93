"""Static files named by their content's hash, so a phone may keep each one for a year and fetch it
again only when it changes."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class HashedStaticFiles(CompressedManifestStaticFilesStorage):
    """WhiteNoise's compressed manifest storage, also renaming what our ES modules (``*.mjs``) import:
    ``app.mjs`` imports GOV.UK Frontend by its path, which would otherwise keep its plain name and
    be cached for a minute only. Django's own import patterns, applied to ``*.mjs`` alone: minified
    third-party ``*.js`` files are left as they come."""

    patterns = (
        *CompressedManifestStaticFilesStorage.patterns,
        ("*.mjs", CompressedManifestStaticFilesStorage._js_module_import_aggregation_patterns[1]),
    )
