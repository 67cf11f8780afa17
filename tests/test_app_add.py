"""AppTest of the Add page: each point of adding articles (issue 14) and the library list."""

from __future__ import annotations

import json
import tomllib

from streamlit.testing.v1 import AppTest
from test_app_pages import HOSTILE, app, selected_caption
from texts import ROOT, seed_paths

from dashboard import library

MD_CNN = (
    b"---\ntitle: Harbour bridge reopens\nurl: https://edition.cnn.com/2024/harbour\n"
    b"date: 24/09/2017\n---\nHarbour bridge reopens\n\nThe bridge reopened on Monday, "
    b"officials said, after two years of repairs.\n"
)
TXT = b"Council approves budget\n\nThe council approved the budget on Tuesday by seven votes.\n"


def uploader(at: AppTest):
    (found,) = at.file_uploader
    return found


def edit(at: AppTest, key: str, rows: dict[int, dict]) -> None:
    """Edit data_editor cells as the browser would (AppTest has no cell editing)."""
    at.session_state[key] = {"edited_rows": rows, "added_rows": [], "deleted_rows": []}


def saved_rows(app_env) -> list[dict]:
    rows = []
    for path in library.library_files(app_env / "library"):
        rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return rows


def test_saved_article_shows_up_with_framing_corpus_set(app_env, monkeypatch, seeds_dir):
    monkeypatch.setenv("FRAMING_CORPUS", str(seeds_dir))
    at = app("add")
    at.text_area(key="paste_text").input(TXT.decode())
    at.form_submit_button[0].click().run()
    assert any("Saved 1 article" in s.value for s in at.success)
    at.switch_page("app_pages/compare.py").run()
    assert selected_caption(at) == "6 of 6 articles selected."


def test_paste_saves_escaped_and_delete_needs_confirmation(app_env):
    at = app("add")
    at.text_area(key="paste_text").input(HOSTILE)
    at.text_input(key="paste_outlet").input("Test <b>Outlet</b>")
    at.form_submit_button[0].click().run()
    assert not at.exception
    assert any("Saved 1 article" in s.value for s in at.success)
    (path,) = library.library_files(app_env / "library")
    at.switch_page("app_pages/compare.py").run()
    body = "\n".join(h.proto.body for h in at.get("html"))
    assert "Test &lt;b&gt;Outlet&lt;/b&gt;" in body and "<b>Outlet" not in body
    at.switch_page("app_pages/add.py").run()
    assert at.button(key=f"del-{path.name}").disabled
    at.checkbox(key=f"sure-{path.name}").check().run()
    at.button(key=f"del-{path.name}").click().run()
    assert library.library_files(app_env / "library") == []


def test_dates_are_stored_in_iso_form_and_ambiguous_ones_refused(app_env):
    at = app("add")
    at.text_area(key="paste_text").input(TXT.decode())
    at.text_input(key="paste_date").input("03/04/2017")
    at.form_submit_button[0].click().run()
    assert any("ambiguous" in e.value and "2017\\-04\\-03" in e.value for e in at.error)
    assert library.library_files(app_env / "library") == []
    assert at.text_area(key="paste_text").value == TXT.decode()  # nothing the user typed is lost
    at.text_input(key="paste_date").input("24/09/2017")
    at.form_submit_button[0].click().run()
    assert [r["date"] for r in saved_rows(app_env)] == ["2017-09-24"]


def test_a_pasted_duplicate_is_refused_unless_asked(app_env):
    seed = seed_paths()[0].read_text(encoding="utf-8")
    at = app("add")
    at.text_area(key="paste_text").input("  " + seed.replace("\n", "\n\n"))
    at.form_submit_button[0].click().run()
    assert any("same text is already here" in w.value for w in at.warning)
    assert library.library_files(app_env / "library") == []
    at.checkbox(key="paste_anyway").check()
    at.form_submit_button[0].click().run()
    assert len(saved_rows(app_env)) == 1


def test_upload_batch_has_metadata_per_file_prefilled_and_editable(app_env):
    at = app("add")
    assert uploader(at).proto.max_upload_size_mb == 5  # even when .streamlit/ is not read
    uploader(at).set_value([("cnn.md", MD_CNN, "text/markdown"), ("budget.txt", TXT, "text/plain")])
    at.run()
    table = at.data_editor[0].value
    assert list(table["file"]) == ["cnn.md", "budget.txt"]
    assert list(table["outlet"]) == ["CNN", ""]  # from the URL's domain; nothing for plain text
    assert list(table["date"]) == ["24/09/2017", ""]
    edit(at, "upload_meta-0", {1: {"outlet": "Town Gazette", "story": "Budget 2024"}})
    at.button(key="upload_add").click().run()
    assert not at.exception
    assert any("Saved 2 article" in s.value for s in at.success)
    rows = {r["id"]: r for r in saved_rows(app_env)}
    assert (rows["cnn"]["outlet"], rows["cnn"]["date"]) == ("CNN", "2017-09-24")
    assert (rows["budget"]["outlet"], rows["budget"]["event"]) == ("Town Gazette", "Budget 2024")
    assert uploader(at).key == "upload_files-1"  # a fresh, empty uploader for the next batch


def test_upload_with_an_unreadable_date_adds_nothing(app_env):
    at = app("add")
    uploader(at).set_value(("budget.txt", TXT, "text/plain")).run()
    edit(at, "upload_meta-0", {0: {"date": "31/02/2017"}})
    at.button(key="upload_add").click().run()
    assert any("no such day" in e.value for e in at.error)
    assert library.library_files(app_env / "library") == []


def test_uploaded_duplicates_are_offered_to_skip(app_env):
    seed = seed_paths()[1]
    at = app("add")
    files = [(seed.name, seed.read_bytes(), "text/plain"), ("budget.txt", TXT, "text/plain")]
    uploader(at).set_value(files).run()
    assert any("same text as one already here" in w.value for w in at.warning)
    assert at.radio(key="upload_dups-0").value == "Skip the duplicates"
    at.button(key="upload_add").click().run()
    assert any(w.value.startswith("Skipped ") for w in at.warning)
    assert [r["id"] for r in saved_rows(app_env)] == ["budget"]
    uploader(at).set_value(files[:1]).run()
    at.radio(key="upload_dups-1").set_value("Add them anyway")
    at.button(key="upload_add").click().run()
    assert len(saved_rows(app_env)) == 2


def test_jsonl_fields_are_mapped_and_kept(app_env):
    rows = [
        {"text": TXT.decode(), "event_id": "budget-2024", "outlet_lean": "left", "mood": "calm"},
        {"text": "Harbour reopens\n\nThe harbour reopened today.", "event_id": "harbour"},
    ]
    data = "\n".join(json.dumps(r) for r in rows).encode()
    at = app("add")
    uploader(at).set_value(("feed.jsonl", data, "application/jsonl")).run()
    assert at.data_editor[0].value["articles"].tolist() == [2]
    at.button(key="upload_add").click().run()
    saved = saved_rows(app_env)
    assert [r["event"] for r in saved] == ["budget-2024", "harbour"]
    assert saved[0]["user"] == {"outlet_lean": "left", "mood": "calm"}
    assert any("kept as user columns" in w.value and "mood" in w.value for w in at.warning)
    at.run()
    table = at.data_editor[0].value
    assert table["user columns"].tolist()[0] == "outlet_lean: left; mood: calm"


def test_hostile_file_names_stay_bare_and_unique(app_env):
    at = app("add")
    files = [("../../etc/x.txt", TXT, "text/plain"), ("x.txt", TXT + b" Again.", "text/plain")]
    uploader(at).set_value(files).run()
    assert list(at.data_editor[0].value["file"]) == ["x.txt", "x-2.txt"]
    at.button(key="upload_add").click().run()
    assert sorted(r["id"] for r in saved_rows(app_env)) == ["x", "x-2"]
    assert [p.parent for p in library.library_files(app_env / "library")] == [app_env / "library"]


def test_bad_upload_is_reported_and_nothing_is_saved(app_env):
    at = app("add")
    uploader(at).set_value(("bad.txt", b"\x00\x01\x02" * 100, "text/plain")).run()
    assert any("binary" in e.value for e in at.error)
    assert not at.data_editor
    assert library.library_files(app_env / "library") == []


def test_saved_metadata_can_be_edited(app_env):
    at = app("add")
    at.text_area(key="paste_text").input(TXT.decode())
    at.form_submit_button[0].click().run()
    assert at.data_editor[0].value["outlet"].tolist() == [""]
    edit(at, "library_table", {0: {"outlet": "Town Gazette", "date": "September 24, 2017"}})
    at.run()
    at.button(key="library_save").click().run()
    assert any("Saved 1 change" in s.value for s in at.success)
    (row,) = saved_rows(app_env)
    assert (row["outlet"], row["date"]) == ("Town Gazette", "2017-09-24")
    edit(at, "library_table", {0: {"date": "03/04/2017"}})
    at.run()
    at.button(key="library_save").click().run()
    assert any("Nothing was changed" in e.value for e in at.error)
    assert saved_rows(app_env)[0]["date"] == "2017-09-24"


def test_read_only_keeps_additions_and_edits_in_the_session(app_env, monkeypatch):
    monkeypatch.setenv("FRAMING_READONLY", "1")
    at = app("add")
    uploader(at).set_value(("mine.txt", HOSTILE.encode(), "text/plain")).run()
    at.button(key="upload_add").click().run()
    assert any("session only" in s.value for s in at.success)
    assert not (app_env / "library").exists()
    edit(at, "library_table", {0: {"outlet": "Session Outlet"}})
    at.run()
    at.button(key="library_save").click().run()
    assert any("in this session" in s.value for s in at.success)
    at.switch_page("app_pages/compare.py").run()
    assert selected_caption(at) == "6 of 6 articles selected."
    assert not (app_env / "library").exists()


def test_streamlit_upload_settings_are_reviewed():
    server = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["server"]
    assert server["enableXsrfProtection"] is True and server["enableCORS"] is True
    assert library.MAX_UPLOAD_BYTES <= server["maxUploadSize"] * 1024 * 1024 < 2 * 5_000_000


def test_blind_mode_names_no_existing_article_in_duplicate_messages(app_env):
    seed = seed_paths()[4]
    at = app("add")
    at.sidebar.toggle(key="blind").set_value(True).run()
    at.text_area(key="paste_text").input(seed.read_text(encoding="utf-8"))
    at.form_submit_button[0].click().run()
    (warning,) = [w.value for w in at.warning if "same text" in w.value]
    assert "an article already loaded" in warning and "RT" not in warning
