"""The thanks page after answering a call: the private follow link can be copied."""

from bs4 import BeautifulSoup

from .conftest import form_tokens, valid_data


def test_follow_link_has_the_copy_button_of_every_private_link(csrf_client, open_call):
    data = {**form_tokens(csrf_client, open_call.url), **valid_data()}
    thanks = csrf_client.get(csrf_client.post(open_call.url, data)["Location"])
    soup = BeautifulSoup(thanks.content, "html.parser")
    box = soup.find(attrs={"data-copy-link": True})
    assert box is not None, "no copy component around the follow link"
    field = box.find("textarea", id="follow-link")
    assert "/suivi/" in field.get_text() and field.has_attr("readonly")
    assert field["aria-describedby"] == "follow-link-help"
    assert soup.find(id="follow-link-help") is not None
    assert box.find("label", attrs={"for": "follow-link"}).get_text(strip=True)
    button = box.find("button", class_="copy-link__button")
    assert button.get_text(strip=True) == "Copier le lien"
    # Hidden until the script can copy; the script is the site's one (no page-specific copy).
    assert button.has_attr("hidden") and button["type"] == "button"
    assert box["data-copied-message"] == "Lien copié."
    assert box.find(class_="copy-link__status")["role"] == "status"
