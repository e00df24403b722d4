"""One domain error base (lms.errors.DomainError): every refusal derives from it, carries a
message for people, and views show it one way (lms.views.errors)."""

import importlib
import inspect
import pkgutil

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory

import lms.rules
import lms.services
from lms.errors import DomainError, TransitionRefused
from lms.services.attendance import SessionReportError
from lms.services.compensation import PayStatementError
from lms.services.registrations import RegistrationError
from lms.views.errors import domain_error_show

# Errors of the adapters to outside services: the service that called out turns them into
# a domain error.
ADAPTER_ERRORS = {"GatewayError", "ConnectError", "SignatureInvalid"}


def _modules():
    for package in (lms.rules, lms.services):
        for info in pkgutil.iter_modules(package.__path__):
            yield importlib.import_module(f"{package.__name__}.{info.name}")
    yield importlib.import_module("certificates.services")


def test_every_refusal_of_a_service_or_rule_is_a_domain_error():
    errors = {
        f"{module.__name__}.{name}": cls
        for module in _modules()
        for name, cls in inspect.getmembers(module, inspect.isclass)
        if issubclass(cls, Exception) and cls.__module__ == module.__name__
    }
    assert len(errors) >= 15
    assert [name for name, cls in errors.items() if not issubclass(cls, DomainError)] == []


def test_one_shape_message_and_reasons():
    single = RegistrationError("This session is full.")
    assert (single.message, single.reasons, str(single)) == (
        "This session is full.",
        [],
        single.message,
    )
    assert single.lines == ["This session is full."]
    several = PayStatementError("First problem.", "", "Second problem.")
    assert several.reasons == ["First problem.", "Second problem."]
    assert several.message == "First problem. Second problem."
    assert several.lines == several.reasons
    report = SessionReportError(["Mar 3: give the actual start and end."])
    assert report.lines == ["Mar 3: give the actual start and end."]
    assert issubclass(TransitionRefused, DomainError)


def _request():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


@pytest.mark.parametrize(
    "error",
    [RegistrationError("This session is full."), PayStatementError("One.", "Two.")],
    ids=["message", "reasons"],
)
def test_a_view_shows_each_line_on_the_form_or_as_messages(error):
    form = forms.Form(data={})
    form.is_valid()
    request = _request()
    domain_error_show(request, error, form=form)
    assert form.non_field_errors() == error.lines
    assert list(get_messages(request)) == []
    domain_error_show(request, error)
    assert [str(m) for m in get_messages(request)] == error.lines
