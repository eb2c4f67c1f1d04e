"""Django's cached_db sessions, saving a session that already exists with one UPDATE.

The builder saves the trainee's timeline in the session on every change, so a session is saved on nearly every
request there. Django's database backend saves through Model.save inside transaction.atomic: on PostgreSQL a
BEGIN, the UPDATE and a COMMIT, each a round trip, plus the ORM's save machinery, which came to a fifth of a
builder change's time. A single UPDATE in autocommit is as atomic; a session that is gone (signed out in another
tab, or cleared) still raises UpdateError, as Django's does, and new sessions are made as Django makes them.
"""

import logging
from typing import Any

from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.backends.cached_db import SessionStore as CachedDbSessionStore
from django.core.cache.backends.base import BaseCache
from django.db import router, transaction

logger = logging.getLogger("django.contrib.sessions")


class SessionStore(CachedDbSessionStore):
    # Django sets these (the session's data, loaded on first use, and the session cache); django-stubs omits them.
    _session: dict[str, Any]
    _cache: BaseCache

    def save(self, must_create: bool = False) -> None:
        using = router.db_for_write(self.model)
        # Inside a transaction, Django's savepoint keeps a failed save from breaking the caller's transaction.
        if must_create or self.session_key is None or not transaction.get_autocommit(using):
            super().save(must_create)
            return
        updated = (
            self.model.objects.using(using)
            .filter(session_key=self.session_key)
            .update(session_data=self.encode(self._session), expire_date=self.get_expiry_date())
        )
        if not updated:
            raise UpdateError
        try:
            self._cache.set(self.cache_key, self._session, self.get_expiry_age())
        except Exception:  # as cached_db: the database holds the session, the cache only speeds reading it
            logger.exception("Error saving to cache (%s)", self._cache)
