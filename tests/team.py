"""Team members of the real editorial groups, and what the admin shows them.

Tests of rights and dashboards build their users here (tests/conftest.py has one member
of each group as fixtures: ``editor``, ``moderator``, ``contributor``…), so a group's name or an account's
shape changes in one place.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client


def member(group: str, username: str, **fields):
    """An active account in ``group`` (a name from ``fabrique.accounts.roles``); ``fields``
    adds what a test shows, e.g. ``first_name``."""
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "x", **fields)
    user.groups.add(Group.objects.get(name=group))
    return user


def logged_in(user, **client_options) -> Client:
    """A browser session of ``user`` (its own client, so a test can hold several)."""
    client = Client(**client_options)
    client.force_login(user)
    return client


def dashboard(user) -> str:
    """The admin's home page as ``user`` sees it."""
    client = Client()
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()
