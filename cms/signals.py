"""Keep the search index of training pages in step with their lms training.

A TrainingPage indexes its training's summary, audience, topics and facilitators, so a change
to the training (saved in the admin's Catalogue screens, not through the page) reindexes it.
"""

from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver
from wagtail.search import index

from lms.models import Training


def _reindex_pages_of(training_ids):
    from .models import TrainingPage

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
