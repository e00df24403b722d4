import factory

from lms.models import Evaluation, EvaluationAnswer, EvaluationQuestion, EvaluationResponse

from .catalogue import RegistrationFactory, TrainingFactory


class EvaluationFactory(factory.django.DjangoModelFactory):
    """A training's evaluation with no questions (lms.services.evaluations.
    evaluation_standard_create makes the coalition's standard set)."""

    class Meta:
        model = Evaluation

    training = factory.SubFactory(TrainingFactory)


class EvaluationQuestionFactory(factory.django.DjangoModelFactory):
    """A rating question (1 to 5)."""

    class Meta:
        model = EvaluationQuestion

    evaluation = factory.SubFactory(EvaluationFactory)
    text = factory.Sequence(lambda n: f"Question {n}")
    kind = EvaluationQuestion.Kind.RATING
    sort_order = factory.Sequence(lambda n: n)


class EvaluationResponseFactory(factory.django.DjangoModelFactory):
    """A submitted evaluation: EvaluationResponseFactory(registration=r, ratings={question: 4}).

    Only the rows (lms.services.evaluations.evaluation_submit checks who may answer).
    """

    class Meta:
        model = EvaluationResponse
        skip_postgeneration_save = True

    evaluation = factory.SubFactory(EvaluationFactory)
    registration = factory.SubFactory(
        RegistrationFactory, session__training=factory.SelfAttribute("...evaluation.training")
    )

    @factory.post_generation
    def ratings(obj, create, extracted, **kwargs):
        for question, rating in (extracted or {}).items():
            EvaluationAnswerFactory(response=obj, question=question, rating=rating)


class EvaluationAnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EvaluationAnswer

    response = factory.SubFactory(EvaluationResponseFactory)
    question = factory.SubFactory(
        EvaluationQuestionFactory, evaluation=factory.SelfAttribute("..response.evaluation")
    )
    rating = 4
