"""The Markdown subset of descriptions: formatting kept, HTML and dangerous links shown as text."""
from generator.markdown import render, safe_url


def test_formatting_subset():
    html = str(render("Un **atelier** pour *tous*.\n\n- souris\n- clavier\n  et écran\n\n1. un\n2. deux"))
    assert html == ("<p>Un <strong>atelier</strong> pour <em>tous</em>.</p>\n<ul><li>souris</li><li>clavier et écran</li></ul>\n"
                    "<ol><li>un</li><li>deux</li></ol>")


def test_links_only_to_safe_schemes():
    assert str(render("[site](https://exemple.example.org/a?b=1&c=2)")) == \
        '<p><a href="https://exemple.example.org/a?b=1&amp;c=2">site</a></p>'
    assert 'href="tel:+33199001234"' in str(render("[appeler](tel:+33199001234)"))
    assert 'href="mailto:a@example.org"' in str(render("[écrire](mailto:a@example.org)"))
    for target in ("javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "vbscript:x", "//evil.example", "/relatif"):
        html = str(render(f"[lien]({target})"))
        assert "<a" not in html and f"[lien]({target})" in html.replace("&#x27;", "'")


def test_raw_html_is_escaped():
    html = str(render('<script>alert(1)</script> <img src=x onerror="alert(1)"> **<b>gras</b>**'))
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
    assert "<strong>&lt;b&gt;gras&lt;/b&gt;</strong>" in html


def test_link_text_cannot_break_out_of_the_attribute():
    html = str(render('[x](https://a.example.org/"onmouseover="alert(1))'))
    assert 'onmouseover="' not in html


def test_safe_url():
    assert safe_url("https://a.example.org") == "https://a.example.org"
    assert safe_url("java\nscript:alert(1)") is None
    assert safe_url("https://a.example.org/ x") is None
    assert safe_url(None) is None
