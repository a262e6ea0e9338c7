"""``ENGINE = "fabrique.web.postgresql"``: Django's PostgreSQL backend plus the deadline.

Everything is Django's own backend (vendor ``postgresql``, same features, operations and
introspection); only making a connection changes: the attempt is bounded by the request's
deadline, and the new connection's waits honour it (``fabrique.web.database_deadline``).
"""

import weakref

from django.db.backends.postgresql import base

from fabrique.web import database_deadline


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        conn_params = database_deadline.connect_params(conn_params)
        try:
            connection = super().get_new_connection(conn_params)
        except self.Database.Error:
            database_deadline.connection_failed()
            raise
        wrapper = weakref.ref(self)
        database_deadline.bound_waits(connection, lambda: _close(wrapper()))
        return connection


def _close(wrapper) -> None:
    if wrapper is not None:
        wrapper.close()
