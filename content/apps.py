from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = "Guides for families"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published, page_unpublished

        from content import page_cache
        from content.models import GlossaryTerm

        page_published.connect(page_cache.new_generation, dispatch_uid="content.page_cache.published")
        page_unpublished.connect(page_cache.new_generation, dispatch_uid="content.page_cache.unpublished")
        # Jargon buster words are linked from every guide, so a change to one shows at once too.
        post_save.connect(page_cache.new_generation, sender=GlossaryTerm, dispatch_uid="content.page_cache.term_saved")
        post_delete.connect(page_cache.new_generation, sender=GlossaryTerm, dispatch_uid="content.page_cache.term_gone")
