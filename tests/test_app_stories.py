"""AppTest of the Stories page: rename, merge and split stories; saved; every page follows."""

from __future__ import annotations

import json

from test_app_pages import NEW_STORY, app, selected_caption

from dashboard import library

OLD_STORY = "2020 US election: foreign-influence assessments and China's denials"


def story_options(at) -> list[str]:
    return list(at.sidebar.selectbox(key="sel_story").options)


def stored(app_env) -> dict[str, str]:
    path = app_env / "library" / library.STORIES_FILE
    return json.loads(path.read_text(encoding="utf-8"))["stories"]


def test_the_page_lists_the_stories(app_env):
    at = app("stories")
    assert at.title[0].value == "Stories"
    table = at.dataframe[0].value
    assert dict(zip(table["story"], table["articles"], strict=True)) == {
        OLD_STORY: 2,
        NEW_STORY: 3,
    }


def test_rename_is_saved_and_every_page_uses_it(app_env):
    at = app("stories")
    at.selectbox(key="rename_story").select(NEW_STORY)
    at.text_input(key="rename_name").input("Blinken's warning")
    at.form_submit_button[0].click().run()
    assert not at.exception
    assert any("Renamed" in s.value for s in at.success)
    assert set(stored(app_env).values()) == {"Blinken's warning"}
    assert len(stored(app_env)) == 3
    fresh = app()  # a new session reads the saved edit
    assert "Blinken's warning" in story_options(fresh) and NEW_STORY not in story_options(fresh)
    fresh.sidebar.selectbox(key="sel_story").select("Blinken's warning").run()
    assert selected_caption(fresh) == "3 of 5 articles selected."


def test_merge_and_split(app_env):
    at = app("stories")
    at.multiselect(key="merge_stories").set_value([OLD_STORY, NEW_STORY])
    at.text_input(key="merge_name").input("US elections and China")
    at.form_submit_button[1].click().run()
    assert at.dataframe[0].value["story"].tolist() == ["US elections and China"]
    at.selectbox(key="split_story").select("US elections and China").run()
    moved = at.multiselect(key="split_ids").options[0]
    at.multiselect(key="split_ids").select(moved)
    at.text_input(key="split_name").input("One article")
    at.form_submit_button[2].click().run()
    assert not at.exception
    table = at.dataframe[0].value
    assert dict(zip(table["story"], table["articles"], strict=True)) == {
        "US elections and China": 4,
        "One article": 1,
    }
    at.switch_page("app_pages/compare.py").run()
    assert set(story_options(at)) == {"All stories", "US elections and China", "One article"}


def test_bad_edits_are_refused_with_a_reason(app_env):
    at = app("stories")
    at.text_input(key="rename_name").input("   ")
    at.form_submit_button[0].click().run()
    assert any("give the story a name" in e.value for e in at.error)
    at.multiselect(key="merge_stories").set_value([OLD_STORY])
    at.text_input(key="merge_name").input("X")
    at.form_submit_button[1].click().run()
    assert any("at least two" in e.value for e in at.error)
    assert not (app_env / "library" / library.STORIES_FILE).exists()


def test_forget_needs_confirmation(app_env):
    at = app("stories")
    at.selectbox(key="rename_story").select(OLD_STORY)
    at.text_input(key="rename_name").input("Old story")
    at.form_submit_button[0].click().run()
    assert at.button(key="stories_reset").disabled
    at.checkbox(key="stories_sure").check().run()
    at.button(key="stories_reset").click().run()
    assert stored(app_env) == {}
    assert OLD_STORY in at.dataframe[0].value["story"].tolist()


def test_read_only_edits_last_for_the_session(app_env, monkeypatch):
    monkeypatch.setenv("FRAMING_READONLY", "1")
    at = app("stories")
    at.selectbox(key="rename_story").select(OLD_STORY)
    at.text_input(key="rename_name").input("Session story")
    at.form_submit_button[0].click().run()
    assert "Session story" in at.dataframe[0].value["story"].tolist()
    assert not (app_env / "library").exists()


def test_a_broken_stories_file_is_reported_not_fatal(app_env):
    (app_env / "library").mkdir()
    (app_env / "library" / library.STORIES_FILE).write_text("{broken", encoding="utf-8")
    at = app("stories")
    assert not at.exception
    assert any("cannot be read" in e.value for e in at.error)
    assert len(at.dataframe[0].value) == 2


def test_blind_mode_shows_lettered_stories_and_no_editing(app_env):
    at = app("stories")
    at.sidebar.toggle(key="blind").set_value(True).run()
    assert not at.exception
    titles = " ".join(at.dataframe[0].value["titles"])
    assert "Article A" in titles and "Epoch" not in titles and "CNN" not in titles
    assert any("turn it off" in i.value for i in at.info)
    assert not at.form_submit_button
