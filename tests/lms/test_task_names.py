"""Task names: every dotted name the code enqueues or schedules resolves, and names from before
the move to one module per domain still resolve (tasks queued at deploy) or are renamed."""

import pydoc
import re
from pathlib import Path

import pytest
from django_q.models import Schedule

from lms.tasks.moved import MOVED_TASKS

ROOT = Path(__file__).resolve().parents[2]
TASK_NAME = re.compile(r"""["']((?:lms|certificates)\.tasks\.[\w.]+)["']""")


def names_in_code() -> set[str]:
    names = set()
    for folder in ("lms", "certificates", "cms"):
        for path in (ROOT / folder).rglob("*.py"):
            if "migrations" in path.parts or path.name == "moved.py":
                continue
            names |= set(TASK_NAME.findall(path.read_text()))
    return names


def test_the_code_names_tasks():
    assert len(names_in_code()) >= 10


@pytest.mark.parametrize("name", sorted(names_in_code()))
def test_every_task_name_in_the_code_resolves(name):
    assert callable(pydoc.locate(name)), name


@pytest.mark.parametrize(("old", "new"), sorted(MOVED_TASKS.items()))
def test_old_task_names_resolve_to_the_moved_task(old, new):
    assert pydoc.locate(old) is pydoc.locate(new)
    assert pydoc.locate(new) is not None


def test_an_unknown_old_name_does_not_resolve():
    assert pydoc.locate("lms.tasks.no_such_task") is None


@pytest.mark.django_db
def test_schedules_name_tasks_that_exist():
    """Migrations create the schedules; 0021 renames them to where the tasks live now."""
    funcs = list(Schedule.objects.values_list("func", flat=True))
    assert funcs
    for func in funcs:
        assert func not in MOVED_TASKS, f"schedule still names {func}"
        assert callable(pydoc.locate(func)), func


@pytest.mark.django_db(transaction=True)
def test_migration_renames_old_schedule_rows():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    Schedule.objects.create(func="lms.tasks.holds_expire", name="old-name row")
    executor = MigrationExecutor(connection)
    executor.migrate([("lms", "0020_private_pdfs")])
    assert Schedule.objects.get(name="old-name row").func == "lms.tasks.holds_expire"
    executor.loader.build_graph()
    executor.migrate([("lms", "0021_tasks_by_domain")])
    assert Schedule.objects.get(name="old-name row").func == "lms.tasks.registrations.holds_expire"
    # Leave the database on the latest migrations: later tests share it (a later migration
    # may change tables this one knows in their old shape).
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
