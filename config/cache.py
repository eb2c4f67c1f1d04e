"""The database cache, with an increment that two workers cannot both read before either writes.

Django's DatabaseCache increments with a read then a separate write, so two simultaneous requests can both
count as one and a rate limit lets extra requests through. Here the read and the write are one transaction
holding the entry's row (SELECT ... FOR UPDATE on PostgreSQL; on SQLite the IMMEDIATE transaction mode set in
settings makes writers take turns). Like Redis' INCR, an increment keeps the entry's expiry.
"""

import base64
import pickle
from typing import Any

from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router, transaction


class AtomicDatabaseCache(DatabaseCache):
    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        stored_key = self.make_and_validate_key(key, version=version)
        database = router.db_for_write(self.cache_model_class)
        connection = connections[database]
        quote = connection.ops.quote_name
        table = quote(self._table)  # type: ignore[attr-defined]  # set by BaseDatabaseCache, not in the stubs
        value_column, key_column = quote("value"), quote("cache_key")
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        with transaction.atomic(using=database), connection.cursor() as cursor:
            cursor.execute(f"SELECT {key_column} FROM {table} WHERE {key_column} = %s{lock}", [stored_key])
            value = self.get(key, version=version) if cursor.fetchone() else None  # None when expired too
            if value is None:
                raise ValueError(f"Key '{key}' not found")
            new_value: int = value + delta
            encoded = base64.b64encode(pickle.dumps(new_value, self.pickle_protocol)).decode("latin1")
            cursor.execute(
                f"UPDATE {table} SET {value_column} = %s WHERE {key_column} = %s", [encoded, stored_key]
            )
        return new_value
