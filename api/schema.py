"""The schema covers the API's own URLs only: Wagtail's admin API is not the portal's to publish,
and Django's deploy check (drf-spectacular's) then checks exactly the schema we serve."""

from drf_spectacular.generators import SchemaGenerator


class ApiSchemaGenerator(SchemaGenerator):
    def __init__(self, *args, urlconf=None, **kwargs):
        super().__init__(*args, urlconf=urlconf or "api.urls", **kwargs)
