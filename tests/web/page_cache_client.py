"""A client that goes through the real WSGI stack: the page cache layer, then Django.

Django's test client calls the handler directly, below ``fabrique/wsgi.py``; the page
cache answers before Django, so its tests speak WSGI. Each answer says how many database
queries it cost: a hit costs none (the cache is in memory or Redis).
"""

from dataclasses import dataclass

from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from fabrique.web.page_cache import PageCacheLayer


@dataclass
class Answer:
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    queries: int
    sql: list[str]

    def header(self, name: str) -> str | None:
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None

    @property
    def text(self) -> str:
        return self.body.decode()


class WsgiClient:
    def __init__(self, cookies: str = ""):
        self.application = PageCacheLayer(WSGIHandler())
        self.cookies = cookies

    def get(self, url: str, method: str = "GET", **headers) -> Answer:
        path, _, query = url.partition("?")
        environ = RequestFactory()._base_environ(
            PATH_INFO=path.encode().decode("latin-1"),
            QUERY_STRING=query,
            REQUEST_METHOD=method,
            **({"HTTP_COOKIE": self.cookies} if self.cookies else {}),
            **headers,
        )
        seen = {}

        def start_response(status, response_headers, exc_info=None):
            seen["status"], seen["headers"] = status, response_headers

        # As Django's test client: the test's transaction keeps its connection.
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            with CaptureQueriesContext(connection) as queries:
                result = self.application(environ, start_response)
                body = b"".join(result)
                if hasattr(result, "close"):
                    result.close()
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)
        return Answer(
            int(seen["status"].split(" ", 1)[0]),
            list(seen["headers"]),
            body,
            len(queries),
            [query["sql"] for query in queries],
        )

    def head(self, url: str, **headers) -> Answer:
        return self.get(url, method="HEAD", **headers)
