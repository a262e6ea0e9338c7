"""An answer to a call sent with hidden characters is stored without them."""

import unicodedata

from contributions.models import CallAnswer


def test_an_answer_sent_with_hidden_characters_is_stored_normalised(submit):
    response = submit(
        organisation="Maison de san\u00adté des Trois\u00a0Rivières",
        commune="Au\u200bbusson",
        department="２３",
        action_what="Des consultations\u2028avancées, le Dr Mar\u2060tin une fois par mois.",
        contact_name="Claire\u202fDu\ufeffbois",
        email="claire.du\u00adbois@example.org",
        phone="０５ ５５ 00\u200b 00 00",
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    answer = CallAnswer.objects.get()
    assert answer.organisation == "Maison de santé des Trois Rivières"
    assert answer.commune == "Aubusson"
    assert answer.department == "23"
    assert answer.action_what == "Des consultations\navancées, le Dr Martin une fois par mois."
    assert answer.contact_name == "Claire Dubois"
    assert answer.email == "claire.dubois@example.org"
    assert answer.phone == "05 55 00 00 00"
    for field in CallAnswer._meta.concrete_fields:
        value = getattr(answer, field.attname)
        if isinstance(value, str):
            assert not any(unicodedata.category(c) == "Cf" for c in value), field.name


def test_a_field_of_hidden_characters_only_is_empty(submit):
    response = submit(organisation="\u200b\u00ad\u00a0")
    assert response.status_code == 200
    assert "Indiquez le nom de votre organisation." in response.content.decode()
    assert not CallAnswer.objects.exists()
