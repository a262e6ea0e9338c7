"""A search backend that cannot be reached, as Elasticsearch is when its server is down.

The ``elasticsearch`` client is not installed here (an optional dependency), so its own
``ConnectionError`` (``elastic_transport.ConnectionError``, which the page also catches
when the client is installed) cannot be raised; this raises Python's ``ConnectionError``,
what a refused socket raises, from the real database backend's ``search``.
"""

from fabrique.search.backends import SearchBackend as database_backend


def SearchBackend(params):
    backend = database_backend(params)

    class Unreachable(type(backend)):
        def search(self, *args, **kwargs):
            raise ConnectionError("Connection refused: 127.0.0.1:9")

        def autocomplete(self, *args, **kwargs):
            raise ConnectionError("Connection refused: 127.0.0.1:9")

    return Unreachable(params)
