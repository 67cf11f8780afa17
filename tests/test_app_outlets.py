"""AppTest: an article from an outlet with no profile can be described, and the profile shows."""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

from analysis.io.outlets import load_outlets

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")
TEXT = (
    "Council approves the tram line\n\n"
    "The city council approved the tram extension on Monday after a long debate, officials said. "
    "Supporters called it overdue; critics said the cost was too high."
)


def corpus_with(tmp_path: Path, outlet: str, url: str | None = None) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    rows = [{"id": "a", "title": "Council approves the tram line", "outlet": outlet, "text": TEXT}]
    if url:
        rows[0]["url"] = url
    (folder / "articles.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8"
    )
    return folder


def html_of(at: AppTest) -> str:
    return "\n".join(h.proto.body for h in at.get("html"))


def test_unknown_outlet_is_described_and_saved_to_the_user_file(app_env, monkeypatch):
    monkeypatch.setenv("FRAMING_CORPUS", str(corpus_with(app_env, "The Tramway Gazette")))
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception
    assert "No outlet profile: unknown outlet." in html_of(at)
    at.text_input(key="outlet-form-country").input("Nowhere")
    at.selectbox(key="outlet-form-kind").select("non-profit")
    at.text_area(key="outlet-form-description").input("A made-up <b>local</b> paper about trams.")
    at.button(key="outlet-form-save").click().run()
    assert not at.exception
    saved = load_outlets([app_env / "outlets.csv"])["The Tramway Gazette"]
    assert (saved.country, saved.ownership_kind) == ("Nowhere", "non-profit")
    body = html_of(at)
    assert "No outlet profile" not in body
    assert "Nowhere · non-profit" in body
    assert "&lt;b&gt;local&lt;/b&gt;" in body  # the description is escaped on the card
    assert any("Saved the profile" in s.value for s in at.success)


def test_outlet_known_by_its_url_domain_needs_no_form(app_env, monkeypatch):
    corpus = corpus_with(app_env, "", url="https://www.theguardian.com/uk/2024/x")
    monkeypatch.setenv("FRAMING_CORPUS", str(corpus))
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception
    body = html_of(at)
    assert "The Guardian" in body and "United Kingdom" in body
    assert not at.expander or all("without a profile" not in e.label for e in at.expander)


def test_read_only_server_does_not_offer_to_save(app_env, monkeypatch):
    monkeypatch.setenv("FRAMING_CORPUS", str(corpus_with(app_env, "The Tramway Gazette")))
    monkeypatch.setenv("FRAMING_READONLY", "1")
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception
    assert any("read-only" in c.value for c in at.caption)
    assert not (app_env / "outlets.csv").exists()
