from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = "Guides for families"

    def ready(self):
        from wagtail.signals import page_published, page_unpublished

        from content import page_cache

        page_published.connect(page_cache.new_generation, dispatch_uid="content.page_cache.published")
        page_unpublished.connect(page_cache.new_generation, dispatch_uid="content.page_cache.unpublished")
