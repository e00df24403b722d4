from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Website"

    def ready(self):
        from cms import signals  # noqa: F401 - connects the search reindexing receivers
        from cms.api import schema  # noqa: F401 - the OpenAPI extension for API keys
