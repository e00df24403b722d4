"""STORAGES for the two ways files are kept: folders on this machine (the embedded default)
or an S3-compatible bucket (AWS, MinIO, Backblaze...). One function, so the settings and the
S3 test suite (tests/storage/) build the very same configuration."""

from pathlib import Path

# Signed links to private files live this long (seconds): long enough to start a download,
# too short to pass around.
PRIVATE_LINK_SECONDS = 300


def storages_for(
    *,
    bucket: str = "",
    endpoint_url: str | None = None,
    region: str | None = None,
    private_root: Path | str = "private-media",
    **s3_options,
) -> dict:
    if bucket:
        s3 = {
            "bucket_name": bucket,
            "endpoint_url": endpoint_url,
            "region_name": region,
            "default_acl": None,  # the bucket's own (private) policy
            "querystring_auth": True,  # links are signed and expire
            "file_overwrite": False,
            "signature_version": "s3v4",  # signed links carry their lifetime (X-Amz-Expires)
            **s3_options,
        }
        default = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": s3}
        private = {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {**s3, "location": "private", "querystring_expire": PRIVATE_LINK_SECONDS},
        }
    else:
        default = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
        private = {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(private_root), "base_url": None},
        }
    return {
        "default": default,
        "private": private,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
