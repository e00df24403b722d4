"""Keep the search index of training pages and the cached catalogue in step with lms.

A TrainingPage indexes its training's summary, audience, topics and facilitators, so a change
to the training (saved in the admin's Catalogue screens, not through the page) reindexes it.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.search import index
from wagtail.signals import page_published, page_unpublished

from certificates.models import TrainingApproval
from cms.catalogue_cache import catalogue_version_bump
from lms import models as lms_models
from lms.models import Training


def _reindex_pages_of(training_ids):
    from cms.models import TrainingPage

    for page in TrainingPage.objects.filter(training_id__in=training_ids):
        index.insert_or_update_object(page)


@receiver(post_save, sender=Training, dispatch_uid="cms_reindex_training_page")
def reindex_on_training_save(sender, instance, raw=False, **kwargs):
    if not raw:
        _reindex_pages_of([instance.pk])


@receiver(m2m_changed, sender=Training.topics.through, dispatch_uid="cms_reindex_topics")
@receiver(m2m_changed, sender=Training.facilitators.through, dispatch_uid="cms_reindex_people")
def reindex_on_training_relations(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    _reindex_pages_of((pk_set or []) if reverse else [instance.pk])


# Everything the catalogue cards show: a change bumps the cached catalogue's version.
for _name in [
    "Training",
    "Session",
    "Meeting",
    "Registration",
    "WaitlistEntry",  # an open offer keeps a seat
    "FeeSchedule",
    "FeeTier",
    "Topic",
    "CeCredential",
    "Audience",
    "Facilitator",
    "SessionFacilitator",
]:
    _model = getattr(lms_models, _name)
    post_save.connect(catalogue_version_bump, sender=_model, dispatch_uid=f"catalogue_{_name}_s")
    post_delete.connect(catalogue_version_bump, sender=_model, dispatch_uid=f"catalogue_{_name}_d")
# CE hours on the cards come from the trainings' approvals.
for _model in [TrainingApproval, TrainingApproval.credentials.through]:
    post_save.connect(
        catalogue_version_bump, sender=_model, dispatch_uid=f"catalogue_{_model.__name__}_s"
    )
    post_delete.connect(
        catalogue_version_bump, sender=_model, dispatch_uid=f"catalogue_{_model.__name__}_d"
    )
for _through in [
    Training.topics.through,
    Training.audiences.through,
    TrainingApproval.credentials.through,
]:
    m2m_changed.connect(
        catalogue_version_bump, sender=_through, dispatch_uid=f"catalogue_{_through}"
    )


@receiver(post_save, sender=lms_models.CoalitionBrand, dispatch_uid="catalogue_brand_s")
def brand_changed(sender, instance, created=False, **kwargs):
    """Name, logo and colour are on every page. The row is created on a page's first read
    (BaseGenericSetting.load), which changes nothing shown, so only edits count."""
    if not created:
        catalogue_version_bump()


page_published.connect(catalogue_version_bump, dispatch_uid="catalogue_page_published")
page_unpublished.connect(catalogue_version_bump, dispatch_uid="catalogue_page_unpublished")
post_delete.connect(
    catalogue_version_bump, sender="cms.TrainingPage", dispatch_uid="catalogue_page_d"
)
