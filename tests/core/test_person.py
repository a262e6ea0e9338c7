"""The Person snippet shared by every kind of content."""

import pytest

from fabrique.core.models import Person

pytestmark = pytest.mark.django_db


def test_str_shows_the_role_when_there_is_one():
    assert str(Person(name="Jalel Malek Hamza", role="médecin pédiatre")) == (
        "Jalel Malek Hamza (médecin pédiatre)"
    )
    assert str(Person(name="Camille Durand")) == "Camille Durand"


def test_slug_is_made_from_the_name_in_ascii():
    person = Person.objects.create(name="Hélène Œuvrard-Müller")
    assert person.slug == "helene-oeuvrard-muller"


def test_a_given_slug_is_kept():
    person = Person.objects.create(name="Camille Durand", slug="camille")
    assert person.slug == "camille"


def test_people_are_listed_by_name():
    Person.objects.create(name="Zoé Martin")
    Person.objects.create(name="Amina Benali")
    assert list(Person.objects.values_list("name", flat=True)) == ["Amina Benali", "Zoé Martin"]


def test_admin_listing(admin_client):
    Person.objects.create(name="Hélène Dupré", role="infirmière")
    response = admin_client.get("/admin/snippets/core/person/")
    assert response.status_code == 200
    assert "Hélène Dupré" in response.content.decode()


def test_admin_edit_form(admin_client):
    person = Person.objects.create(name="Hélène Dupré", role="infirmière")
    response = admin_client.get(f"/admin/snippets/core/person/edit/{person.pk}/")
    assert response.status_code == 200
    assert "infirmière" in response.content.decode()
