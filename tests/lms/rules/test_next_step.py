"""The one next step on /my/, for every kind of registration a person can have."""

import pytest

from lms.rules.next_step import NextStep, RegistrationFacts, next_step


@pytest.mark.parametrize(
    ("facts", "step"),
    [
        (RegistrationFacts(status="pending_payment", amount_cents=5000), NextStep.PAY),
        (RegistrationFacts(status="pending_payment", amount_cents=0), NextStep.COMPLETE),
        (
            RegistrationFacts(
                status="pending_payment", amount_cents=5000, scholarship_pending=True
            ),
            NextStep.AWAIT_SCHOLARSHIP,
        ),
        (RegistrationFacts(status="confirmed"), NextStep.PREPARE),
        (RegistrationFacts(status="confirmed", join_open=True), NextStep.JOIN),
        (RegistrationFacts(status="confirmed", meeting_today_in_person=True), NextStep.CHECK_IN),
        # After the training: the evaluation comes before the certificate it may unlock.
        (
            RegistrationFacts(
                status="confirmed", ended=True, evaluation_open=True, has_certificate=True
            ),
            NextStep.EVALUATE,
        ),
        (
            RegistrationFacts(status="confirmed", ended=True, has_certificate=True),
            NextStep.CERTIFICATE,
        ),
        (RegistrationFacts(status="confirmed", ended=True), NextStep.NONE),
        # A series: the certificate of an earlier part does not hide today's meeting... but a
        # certificate only exists once the training is over, so it wins when both are true.
        (
            RegistrationFacts(status="confirmed", join_open=True, has_certificate=True),
            NextStep.CERTIFICATE,
        ),
        (RegistrationFacts(status="confirmed", session_cancelled=True), NextStep.NONE),
        (RegistrationFacts(status="cancelled"), NextStep.NONE),
        (RegistrationFacts(status="expired", can_register=True), NextStep.REGISTER_AGAIN),
        (RegistrationFacts(status="expired"), NextStep.NONE),
    ],
)
def test_next_step(facts, step):
    assert next_step(facts) == step
