from django.test import Client

from contributions.templatetags.contributions_home import render_home


def test_home_block_shows_open_calls_only(open_call, closed_call):
    html = Client().get("/").content.decode()
    assert open_call.title in html
    assert closed_call.title not in html


def test_home_block_is_empty_without_an_open_call(closed_call):
    assert render_home(None, None) == ""
