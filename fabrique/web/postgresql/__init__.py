"""Django's PostgreSQL backend, with each database wait bounded inside a request.

See ``fabrique.web.database_deadline`` for why and how.
"""
