"""Team members of the real editorial groups, and what the admin shows them.

Tests of rights and dashboards build their users here, so a group's name or an account's
shape changes in one place.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client


def member(group: str, username: str):
    """An active account in ``group`` (a name from ``fabrique.accounts.roles``)."""
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "x")
    user.groups.add(Group.objects.get(name=group))
    return user


def dashboard(user) -> str:
    """The admin's home page as ``user`` sees it."""
    client = Client()
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()
