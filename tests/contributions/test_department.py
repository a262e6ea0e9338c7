"""The département of the fiche-type: typed as a name or a number, never cut short."""

import pytest
from bs4 import BeautifulSoup

from contributions.departments import DEPARTMENTS, department_code
from contributions.models import CallAnswer

from .test_form import errors_of, kept


def test_the_field_takes_the_longest_name_a_person_types(csrf_client, open_call):
    """A three-character limit cut « Seine-Saint-Denis » to « Sei » as it was typed."""
    soup = BeautifulSoup(csrf_client.get(open_call.url).content, "html.parser")
    field = soup.find("input", attrs={"name": "department"})
    longest = max(DEPARTMENTS.values(), key=len)
    assert int(field["maxlength"]) >= len(f"{longest} (2A)")
    help_text = soup.find(id=field["aria-describedby"].split()[-1]).get_text()
    assert "Seine-Saint-Denis" in help_text and "93" in help_text


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Seine-Saint-Denis", "93"),
        ("seine saint denis", "93"),
        ("93", "93"),
        ("2a", "2A"),
        ("Corse-du-Sud", "2A"),
        ("Côtes-d’Armor", "22"),
        ("974", "974"),
        ("La Réunion", "974"),
        ("1", "01"),
        ("93 - Seine-Saint-Denis", "93"),
    ],
)
def test_a_name_or_a_number_is_stored_as_the_code(submit, typed, stored):
    assert submit(department=typed).status_code == 302
    assert CallAnswer.objects.get().department == stored


@pytest.mark.parametrize("typed", ["Sei", "Seine-Saint-Deni", "93 Gironde", "96"])
def test_an_unknown_department_is_explained_and_the_text_kept(submit, typed):
    response = submit(department=typed)
    assert response.status_code == 200
    assert (
        "Indiquez un numéro de département (par exemple 93, 2A ou 974) ou son nom "
        "(par exemple Seine-Saint-Denis)." in errors_of(response)
    )
    assert kept(response, "department") == typed
    assert not CallAnswer.objects.exists()


def test_twenty_says_corsica_has_two_numbers(submit):
    response = submit(department="20")
    assert "la Corse en a deux, 2A (Corse-du-Sud) et 2B (Haute-Corse)" in errors_of(response)
    assert kept(response, "department") == "20"


def test_every_code_and_name_leads_to_the_same_code():
    for code, name in DEPARTMENTS.items():
        assert department_code(code) == code
        assert department_code(name) == code
        assert department_code(name.upper().replace("-", " ")) == code
