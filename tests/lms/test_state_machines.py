"""One state machine per model (lms.models.state): each model's table, and no status written
any other way than through transition_to().

The tables below are the specification: a change to a model's TRANSITIONS must change them
too, on purpose.
"""

import ast
from pathlib import Path

import pytest
from django.apps import apps

from certificates.models import BulkIssueRun, Certificate, OutsideCredit
from lms.errors import DomainError, TransitionRefused
from lms.models import (
    ErasureRequest,
    GroupRegistration,
    Invoice,
    Payment,
    PayStatement,
    Refund,
    Registration,
    ScholarshipApplication,
    ScholarshipAward,
    SelfReportProposal,
    Session,
    SessionReport,
    Survey,
    TechnicalAssistanceRequest,
    WaitlistEntry,
    WebhookDelivery,
)
from lms.models.state import StateMachine

ROOT = Path(__file__).resolve().parents[2]

# model -> every allowed (from, to). Any pair not listed must be refused.
ALLOWED = {
    Registration: {
        ("pending_payment", "confirmed"),
        ("pending_payment", "cancelled"),
        ("pending_payment", "expired"),
        ("expired", "confirmed"),  # a late payment with a seat still free
        ("confirmed", "cancelled"),
    },
    Payment: {
        *(
            (start, end)
            for start in ("started", "requires_action")
            for end in ("processing", "succeeded", "failed", "canceled")
        ),
        ("started", "requires_action"),
        ("processing", "succeeded"),
        ("processing", "failed"),
        ("succeeded", "partially_refunded"),
        ("succeeded", "refunded"),
        ("partially_refunded", "partially_refunded"),
        ("partially_refunded", "refunded"),
        ("failed", "succeeded"),  # Stripe completed an attempt we gave up on
        ("canceled", "succeeded"),
    },
    Refund: {("pending", "succeeded"), ("pending", "failed")},
    GroupRegistration: {("pending_payment", "confirmed"), ("pending_payment", "expired")},
    Invoice: {("open", "paid"), ("open", "void")},
    WaitlistEntry: {
        ("waiting", "offered"),
        ("waiting", "left"),
        ("offered", "accepted"),
        ("offered", "declined"),
        ("offered", "expired"),
        ("offered", "left"),
    },
    ScholarshipApplication: {
        ("pending", "awarded"),
        ("pending", "declined"),
        ("pending", "withdrawn"),
        ("pending", "lapsed"),
    },
    ScholarshipAward: {("committed", "used"), ("committed", "released")},
    SessionReport: {("draft", "filed"), ("filed", "draft")},
    Survey: {("draft", "open"), ("open", "closed")},
    PayStatement: {("draft", "approved"), ("approved", "paid")},
    WebhookDelivery: {
        ("pending", "delivered"),
        ("pending", "retrying"),
        ("pending", "failed"),
        ("retrying", "delivered"),
        ("retrying", "retrying"),  # another failed attempt, a later retry
        ("retrying", "failed"),
        ("retrying", "pending"),  # staff resend
        ("failed", "pending"),
        ("delivered", "pending"),
    },
    TechnicalAssistanceRequest: {
        ("new", "assigned"),
        ("new", "closed"),
        ("assigned", "in_progress"),
        ("assigned", "closed"),
        ("assigned", "new"),
        ("in_progress", "closed"),
        ("in_progress", "assigned"),
        ("closed", "in_progress"),
    },
    Certificate: {("valid", "revoked"), ("valid", "superseded")},
    ErasureRequest: {
        ("awaiting_confirmation", "confirmed"),
        ("awaiting_confirmation", "withdrawn"),
        ("awaiting_confirmation", "expired"),
        ("confirmed", "completed"),
        ("confirmed", "withdrawn"),
    },
    BulkIssueRun: {("queued", "running"), ("running", "done")},
    # Cancelling is final (lms.services.session_operations); completed may be corrected.
    Session: {("scheduled", "cancelled"), ("scheduled", "completed"), ("completed", "scheduled")},
    # A member's proposed self-report: staff apply or dismiss it, once.
    SelfReportProposal: {("waiting", "applied"), ("waiting", "dismissed")},
    # CE from elsewhere: self-reported at once when the setting says so; staff accept or
    # reject it (waiting or self-reported), once.
    OutsideCredit: {
        ("pending", "self_reported"),
        ("pending", "accepted"),
        ("pending", "rejected"),
        ("self_reported", "accepted"),
        ("self_reported", "rejected"),
    },
}

# Status fields that are not lifecycles, and why (see lms.models.state).
NOT_LIFECYCLES = {
    "lms.MeetingDelivery": "what the facilitator reports about a meeting, edited in a draft",
    "lms.Payout": "the outcome of one payment attempt, set when the row is created",
}


def test_every_status_field_has_a_machine_or_a_reason():
    with_status = {
        model._meta.label
        for model in apps.get_models()
        if model._meta.app_label in SCANNED
        and any(field.name == "status" and field.choices for field in model._meta.fields)
    }
    machines = {model._meta.label for model in apps.get_models() if issubclass(model, StateMachine)}
    assert machines == {model._meta.label for model in ALLOWED}
    assert with_status == machines | set(NOT_LIFECYCLES)


@pytest.mark.parametrize("model", list(ALLOWED), ids=lambda model: model.__name__)
def test_the_table_names_every_status_once(model):
    statuses = set(model.Status.values)
    assert set(model.TRANSITIONS) == statuses
    assert set().union(*model.TRANSITIONS.values()) <= statuses
    assert model._meta.get_field("status").default in statuses


@pytest.mark.parametrize(
    ("model", "current", "new"),
    [
        (model, current, new)
        for model in ALLOWED
        for current in model.Status.values
        for new in model.Status.values
    ],
    ids=lambda value: value.__name__ if isinstance(value, type) else value,
)
def test_transition_to_follows_the_table(model, current, new):
    instance = model(status=current)
    if (current, new) in ALLOWED[model]:
        assert instance.transition_to(new) == current
        assert instance.status == new
    else:
        with pytest.raises(TransitionRefused, match="cannot go from") as refused:
            instance.transition_to(new)
        assert isinstance(refused.value, DomainError)
        assert instance.status == current


def test_a_refusal_is_written_for_people():
    with pytest.raises(TransitionRefused) as refused:
        Invoice(status="paid").transition_to("void")
    assert refused.value.message == "An invoice cannot go from “Paid” to “Void”."


# --- No status written outside transition_to() ----------------------------------------------

SCANNED = ("lms", "certificates", "cms")
# The one module that writes `status`.
STATE_MODULE = "lms/models/state.py"
# The benchmark's bulk load generator writes rows in the states the load test needs, as test
# factories do. The demo (lms/demo/, certificates/demo.py) goes through the services.
SEED_MODULES = {"lms/management/commands/seed_load.py"}
CREATING = {"create", "get_or_create", "update_or_create"}


def _base_name(node: ast.AST) -> str | None:
    """`Registration` for Registration.objects.filter(...).update, None when it is no name."""
    while isinstance(node, ast.Attribute | ast.Call | ast.Subscript):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def _status_keywords(call: ast.Call) -> bool:
    """Does the call pass `status=`, `**{"status": ...}` or `defaults={"status": ...}`?"""
    for keyword in call.keywords:
        if keyword.arg == "status":
            return True
        value = keyword.value
        if (
            keyword.arg in (None, "defaults", "create_defaults")
            and isinstance(value, ast.Dict)
            and any(isinstance(key, ast.Constant) and key.value == "status" for key in value.keys)
        ):
            return True
    return False


def status_writes(source: str, machines: set[str]) -> list[tuple[int, str]]:
    """(line, what) for each status write in `source`. Any `x.status = ...` counts; a
    `.update(status=...)`, a creation with a status or a constructor with one counts when
    its model has a machine or cannot be told from the code (a variable's name)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            found += [
                (node.lineno, f"{ast.unparse(part)} = ...")
                for target in targets
                for part in ast.walk(target)
                if isinstance(part, ast.Attribute)
                and part.attr == "status"
                and isinstance(part.ctx, ast.Store)
            ]
            continue
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id == "setattr":
            name = node.args[1] if len(node.args) > 1 else None
            if isinstance(name, ast.Constant) and name.value == "status":
                found.append((node.lineno, "setattr(..., 'status', ...)"))
        elif not _status_keywords(node):
            continue
        elif isinstance(func, ast.Attribute) and func.attr in ("update", *CREATING):
            model = _base_name(func)
            if model is None or model in machines or model[0].islower():
                found.append((node.lineno, f"{ast.unparse(func)}(status=...)"))
        elif isinstance(func, ast.Name) and func.id in machines:
            found.append((node.lineno, f"{func.id}(status=...)"))
    return found


def _machine_names() -> set[str]:
    return {model.__name__ for model in apps.get_models() if issubclass(model, StateMachine)}


def _scanned_files(root: Path):
    for package in SCANNED:
        for path in sorted((root / package).rglob("*.py")):
            relative = path.relative_to(root).as_posix()
            if "/migrations/" in relative or relative == STATE_MODULE:
                continue
            if relative in SEED_MODULES:
                continue
            yield relative, path


def test_no_status_is_written_outside_transition_to():
    machines = _machine_names()
    writes = [
        f"{relative}:{line}: {what}"
        for relative, path in _scanned_files(ROOT)
        for line, what in status_writes(path.read_text(), machines)
    ]
    assert writes == [], "write status with transition_to() (lms.models.state):\n" + "\n".join(
        writes
    )


@pytest.mark.parametrize(
    "source",
    [
        "registration.status = Registration.Status.CONFIRMED",
        "request.status, request.owner = status, owner",
        "setattr(entry, 'status', 'left')",
        "Registration.objects.filter(pk=1).update(status='expired')",
        "GroupRegistration.objects.filter(pk=1).update(**{'status': 'expired'})",
        "Registration.objects.create(session=s, person=p, status='confirmed')",
        "Registration.objects.get_or_create(session=s, defaults={'status': 'confirmed'})",
        "statement.payouts.create(status='succeeded')",
        "Certificate(registration=r, status='revoked')",
    ],
)
def test_the_scan_finds_each_kind_of_write(source):
    assert status_writes(source, _machine_names())


@pytest.mark.parametrize(
    "source",
    [
        "registration.transition_to(Registration.Status.CONFIRMED)",
        "Registration.objects.filter(status='confirmed').count()",
        "Payout.objects.create(statement=s, status='succeeded')",
        "MeetingDelivery.objects.update_or_create(meeting=m, defaults={'status': 'delivered'})",
        "JsonResponse({'status': 'error'}, status=400)",
        "audit_log(instance=x, data={'status': new_status})",
    ],
)
def test_the_scan_leaves_reads_and_lifecycle_free_models_alone(source):
    assert status_writes(source, _machine_names()) == []
