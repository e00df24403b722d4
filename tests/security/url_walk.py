"""Walking Django's URL resolver: every pattern with its route and namespaced name, and
whether a pattern's view is ours (lms, certificates, cms, config, or a Wagtail viewset of one
of our models). Used by the authorization matrix and the admin fuzz and export tests."""

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver
from django.views.static import serve as static_serve

OURS = ("lms", "certificates", "cms", "config")


def url_patterns(patterns=None, prefix="", namespace=""):
    """(route, namespaced name, pattern) for every URL pattern, depth first."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            ns = namespace + (f"{entry.namespace}:" if entry.namespace else "")
            yield from url_patterns(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            if entry.callback is static_serve:
                # Local media under DEBUG only (config/urls.py), present when a test that
                # set DEBUG first imported the URLconf; production never routes it.
                continue
            yield prefix + str(entry.pattern), namespace + (entry.name or ""), entry


def is_ours(route: str, pattern: URLPattern) -> bool:
    view = pattern.callback
    if view.__module__.split(".")[0] in OURS:
        return True
    model = view_model(pattern)
    return model is not None and model._meta.app_label in OURS


def view_model(pattern: URLPattern):
    model = getattr(pattern.callback, "view_initkwargs", {}).get("model")
    return apps.get_model(model) if isinstance(model, str) else model
