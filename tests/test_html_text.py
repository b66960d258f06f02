"""Visible text of HTML pages: what a browser shows, in time linear in the page (issue 13, finding 8)."""

import pytest

from mapview.html_text import html_to_text


@pytest.mark.parametrize(
    ("markup", "title", "text"),
    [
        ("<title>T &amp; U</title><p>A</p>", "T & U", "A"),
        ("a < b and c > d", None, "a < b and c > d"),
        ("x<1 and <= 2", None, "x<1 and <= 2"),
        ("<p>Herat<br/>Farah</p><p>Kabul</p>", None, "Herat\nFarah\n\nKabul"),
        ("<script>if (a<b) x = '</p>'</script>After", None, "After"),
        ("<STYLE>p {}</STYLE><P>Idlib</P>", None, "Idlib"),
        ("<a href='x>y' title=\"q\">link</a> end", None, "link end"),
        ("<!-- a -- b --><p>Kabul</p><!---->x<!-->y", None, "Kabul\n\nxy"),
        ("<!DOCTYPE html><?xml version='1.0'?></ bogus>Herat", None, "Herat"),
        ("<textarea>a <b> &amp; c</textarea>", None, "a <b> & c"),
        ("<title>First</title><svg><title>Second</title></svg>Text", "First", "SecondText"),
        ("Kabul <b", None, "Kabul"),  # a tag left open swallows the rest
        ("Kabul <a href='never closed>Herat", None, "Kabul"),
        ("Kabul <!-- never closed Herat", None, "Kabul"),
    ],
)
def test_visible_text_and_title(markup, title, text):
    assert html_to_text(markup) == (title, text)


@pytest.mark.parametrize("unit", ["<", "<a ", "<a x='", "<!--", "</a", "<!", "<?", "<p>x", "&#", '<a b="c" '])
def test_pathological_markup_is_read_in_one_pass(unit):
    # HTMLParser rescans from every "<" of an unclosed construct: "<a " * 40000 took two minutes.
    page = html_to_text(unit * 100_000 + "<p>Kabul")
    assert isinstance(page.text, str)


def test_a_run_of_less_than_signs_is_text():
    assert html_to_text("<" * 200_000 + " Kabul").text == "<" * 200_000 + " Kabul"
    # as in a browser, the last "<" starts a tag ("<Kabul") that is never closed
    assert html_to_text("<" * 200_000 + "Kabul").text == "<" * 199_999
