"""The private storage for files with personal or financial details (certificates,
invoices, materials, W-9s, pay statements): never served under MEDIA_URL, only through
views that check who asks. Locally a folder outside MEDIA_ROOT; on S3 short-lived signed
links (STORAGES["private"] in config/settings/base.py)."""


def private_storage():
    # A callable, so migrations do not freeze the storage chosen by this environment.
    from django.core.files.storage import storages

    return storages["private"]
