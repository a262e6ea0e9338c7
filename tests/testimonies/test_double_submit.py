"""A double click: two identical posts at the same moment store one story (PostgreSQL).

The race is made certain, not left to luck: the test holds a lock that lets both requests
read (and find no earlier copy) but makes both INSERTs wait; it releases the lock once
PostgreSQL shows both waiting, so both really insert at the same moment.
"""

import threading
import time

import pytest
from django.db import connection, connections
from django.test import Client

from testimonies.models import Testimony, TestimonyContact

from .conftest import FORM_URL, csrf_and_start, follow_path, valid_data

pytestmark = [
    # Another transactional test before this one empties the database, the tree the
    # migrations made (root page, default site) included: it is put back first.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises writers: two inserts cannot race there (see test_form.py "
        "for the sequential duplicate on both databases)",
    ),
]


def _waiting_inserts() -> int:
    with connections["default"].cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
            "WHERE c.relname = 'testimonies_testimony' AND NOT l.granted"
        )
        return cursor.fetchone()[0]


def test_two_simultaneous_identical_posts_store_one_story(site_tree):
    browser = Client(enforce_csrf_checks=True)
    data = {**csrf_and_start(browser), **valid_data()}
    responses: dict[int, object] = {}

    def post(n: int) -> None:
        try:
            client = Client(enforce_csrf_checks=True)
            client.cookies = browser.cookies
            responses[n] = client.post(FORM_URL, data)
        finally:
            connections.close_all()

    # A second connection holds the lock: the test's own connection must stay free to
    # look at pg_locks.
    locker = connections.create_connection("default")
    try:
        locker.set_autocommit(False)
        with locker.cursor() as cursor:
            cursor.execute("LOCK TABLE testimonies_testimony IN EXCLUSIVE MODE")
        threads = [threading.Thread(target=post, args=(n,)) for n in (1, 2)]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 20
        while _waiting_inserts() < 2:
            assert time.monotonic() < deadline, "the two posts never reached their INSERT"
            time.sleep(0.05)
        locker.commit()
    finally:
        locker.close()
    for thread in threads:
        thread.join(timeout=30)
    assert [responses[n].status_code for n in (1, 2)] == [302, 302]
    assert {responses[n]["Location"] for n in (1, 2)} == {"/vos-histoires/merci/"}
    assert Testimony.objects.count() == 1
    assert TestimonyContact.objects.count() == 1
    # Like a browser, both posts share one cookie jar and only the last redirect is
    # followed: whichever answer came last, the page shows the one story's private link.
    link = follow_path(browser.get("/vos-histoires/merci/").content.decode())
    contact = TestimonyContact.objects.get()
    assert contact.withdrawal_token in link
    assert Client().get(link).status_code == 200
