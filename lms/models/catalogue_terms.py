"""Words the catalogue filters by: who a training is for, and which credentials earn CE.

`CeCredential` is deliberately small: the professions whose licensing boards accept a
training's hours (social work, professional counseling, ...), each naming the license types
of `Profile.LicenseType` it covers. It gives the catalogue's "CE for" filter its choices;
which trainings carry CE, and how many hours, comes from their approvals
(`certificates.TrainingApproval`, per license type), the rows certificates are issued from.
"""

from django.db import models

# The credentials the coalition's trainings are approved for: (code, name, license types).
# lms migration 0005 creates these rows (with its own frozen copy of this list).
STANDARD_CE_CREDENTIALS = [
    ("social-work", "Social work", "LSW,LCSW"),
    ("professional-counseling", "Professional counseling", "LPC,LCPC"),
    ("marriage-and-family-therapy", "Marriage and family therapy", "LMFT"),
    ("addiction-counseling", "Alcohol and drug counseling", "CADC"),
]


class Audience(models.Model):
    """A group of people a training is written for, e.g. "Supervisors and managers"."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class CeCredential(models.Model):
    """A credential that can earn CE from a training, e.g. social work (LSW, LCSW)."""

    code = models.SlugField(max_length=40, unique=True, help_text="Used in catalogue links.")
    name = models.CharField(max_length=100, unique=True, help_text="For example Social work")
    license_types = models.CharField(
        max_length=100,
        blank=True,
        help_text="License types this covers, comma-separated codes, e.g. LSW,LCSW.",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = "CE credential"

    def __str__(self):
        codes = ", ".join(self.license_type_codes)
        return f"{self.name} ({codes})" if codes else self.name

    @classmethod
    def ensure_standard(cls) -> dict[str, "CeCredential"]:
        """The standard credentials by code, created if missing (demo data, tests)."""
        return {
            code: cls.objects.get_or_create(
                code=code, defaults={"name": name, "license_types": license_types}
            )[0]
            for code, name, license_types in STANDARD_CE_CREDENTIALS
        }

    @property
    def license_type_codes(self) -> list[str]:
        return [code.strip() for code in self.license_types.split(",") if code.strip()]
