"""gunicorn settings shared by `make serve`, the Docker image and compose.

The access log keeps what operating the site needs (client address, time, request line,
status, size, referrer, duration) and no user agent. Private paths (the follow/withdraw
link of a testimony) are masked by the project's logger class, request line and referrer
included: see fabrique/web/logging.py. Retention of these logs is the operator's log
rotation (docs/privacy.md, "Journaux").
"""

import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
# Above the database's own limits (fabrique/settings/base.py): a request waits at most
# DATABASE_REQUEST_TIMEOUT (3 s) for each answer of a database that hangs, the server
# cancels a statement after DATABASE_STATEMENT_TIMEOUT (10 s); this only kills a worker
# stuck elsewhere.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))

logger_class = "fabrique.web.logging.GunicornLogger"
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
access_log_format = '%(h)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" %(M)sms'
