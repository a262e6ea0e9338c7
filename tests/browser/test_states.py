"""The saved database states (``states.py``): what a test writes is gone for the next one,
down to the next id the database hands out."""

from django.contrib.auth.models import Group
from django.db import IntegrityError, connection, transaction
from wagtail.models import Page

from .states import MIGRATED


def rows(states) -> dict:
    """Every row of every watched table, in a comparable form."""
    dump = {}
    with connection.cursor() as cursor:
        for table in states.backend.tables:
            cursor.execute(f'SELECT * FROM "{table}"')
            dump[table] = sorted(map(repr, cursor.fetchall()))
    return dump


def next_group_id() -> int:
    group = Group.objects.create(name="sonde")
    group.delete()
    return group.pk


def write_everywhere():
    Group.objects.create(name="Relecteurs invités")
    Group.objects.filter(name="Relecteurs invités").update(name="Relecteurs")
    root = Page.get_first_root_node()
    Page.objects.filter(pk=root.pk).update(title="Racine renommée")
    # An insert rolled back still moves PostgreSQL's id counter.
    try:
        with transaction.atomic():
            Group.objects.create(name="Relecteurs")
    except IntegrityError:
        pass


def test_what_a_test_writes_is_put_back_for_the_next_one(db):
    db.start_from(MIGRATED)
    saved, next_id = rows(db), next_group_id()
    db.start_from(MIGRATED)

    write_everywhere()
    db.start_from(MIGRATED)
    assert rows(db) == saved
    assert next_group_id() == next_id

    # A state built on the migrated one, then each in turn.
    db.start_from("sonde", build=lambda: Group.objects.create(name="Sonde"))
    built = rows(db)
    assert built != saved
    write_everywhere()
    db.start_from(MIGRATED)
    assert rows(db) == saved
    write_everywhere()
    db.start_from("sonde")
    assert rows(db) == built
    db.start_from(MIGRATED)
    assert next_group_id() == next_id
