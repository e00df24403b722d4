"""The private storage for files with personal or financial details (certificates,
invoices, materials, W-9s, pay statements): never served under MEDIA_URL, only through
views that check who asks. Locally a folder outside MEDIA_ROOT; on S3 short-lived signed
links (STORAGES["private"] in config/settings/base.py)."""

from django.core.files.storage import Storage, storages
from django.utils.deconstruct import deconstructible

# What the forwarder answers itself; everything else is asked of STORAGES["private"].
_OWN = {"__class__", "__dict__", "__reduce__", "__reduce_ex__", "deconstruct", "_constructor_args"}


@deconstructible(path="lms.storage.PrivateStorage")
class PrivateStorage(Storage):
    """Forwards every call to STORAGES["private"] as configured at that moment.

    A FileField keeps the storage object it was given when models load; forwarding lets one
    process (the S3 test suite, or a deploy that switches backends) change STORAGES without
    fields holding on to the old backend."""

    def __getattribute__(self, name):
        if name in _OWN:
            return object.__getattribute__(self, name)
        return getattr(storages["private"], name)


def private_storage():
    # A callable, so migrations do not freeze the storage chosen by this environment.
    return PrivateStorage()
