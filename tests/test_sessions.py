"""The production session store (config/sessions.py): an existing session saved with one UPDATE, read back
through the cache and from the database alike; a session gone meanwhile refused as Django refuses it."""

import pytest
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from config.sessions import SessionStore

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def stored() -> SessionStore:
    store = SessionStore()
    store["timeline"] = {"administrations": []}
    store.create()
    return store


def test_a_new_session_is_made_as_django_makes_it():
    store = SessionStore()
    store["a"] = 1
    store.save()

    assert Session.objects.filter(session_key=store.session_key).exists()
    assert SessionStore(store.session_key)["a"] == 1


def test_an_existing_session_is_saved_with_one_update_and_read_back_from_cache_and_database(
    stored,
):
    stored["timeline"] = {"administrations": [{"id": "a1"}]}
    with CaptureQueriesContext(connection) as captured:
        stored.save()

    # The cache is a database table too without Redis: only the session table's statements are counted.
    statements = [query["sql"] for query in captured if "django_session" in query["sql"]]
    assert len(statements) == 1 and statements[0].startswith("UPDATE")
    assert SessionStore(stored.session_key)["timeline"] == {"administrations": [{"id": "a1"}]}
    cache.clear()
    assert SessionStore(stored.session_key)["timeline"] == {"administrations": [{"id": "a1"}]}


def test_saving_a_session_deleted_meanwhile_is_refused_and_makes_nothing(stored):
    Session.objects.filter(session_key=stored.session_key).delete()
    stored["timeline"] = {"administrations": [{"id": "a1"}]}

    with pytest.raises(UpdateError):
        stored.save()
    assert not Session.objects.exists()


def test_inside_a_transaction_the_save_is_djangos_own_with_its_savepoint(stored):
    Session.objects.filter(session_key=stored.session_key).delete()
    with transaction.atomic():
        with pytest.raises(UpdateError):
            stored.save()
        # The caller's transaction is still usable after the refused save.
        assert not Session.objects.exists()
