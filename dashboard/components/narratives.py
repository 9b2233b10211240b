"""The task's narrative of the quarter (과제 추진 경과) beside its figures on the 전략·과제 page: the version
every reader sees (latest submitted or reviewed), its state, author and time, the version history; the form
for the owning agency's officers (draft or submit), the committee's review, and the narrative template and
upload. Every write goes through etl/governance/narratives.py, which checks the actor again. Text is shown inert.

A page adds one line: `task_narrative(task_code, month, lang)`.
"""

from __future__ import annotations

from datetime import date

import polars as pl
import streamlit as st

from dashboard.components import auth
from dashboard.components.file_input import file_input
from dashboard.components.inert import md_text
from dashboard.i18n import t
from etl.access.actors import Actor, PermissionDenied
from etl.governance import accounts, narratives
from etl.ingest import narrative_upload
from etl.ingest.accept import max_upload_bytes
from etl.ledger.tables import TaskNarrative
from metrics.kst import utc_naive_to_kst


def _when(value) -> str:  # type: ignore[no-untyped-def]
    return f"{utc_naive_to_kst(value):%Y-%m-%d %H:%M}" if value else "—"


def _state(state: str, lang: str) -> str:
    return t(f"narratives.state_{state}", lang)


def task_narrative(task_code: str, month: date, lang: str) -> None:
    store, actor = auth.store(), auth.current_actor()
    quarter = narrative_upload.default_quarter(month)
    st.subheader(t("narratives.title", lang, quarter=quarter))
    rows = narratives.versions(store, actor, task_code=task_code, quarter=quarter)
    shown = next((r for r in rows if r.state != narratives.DRAFT), None)
    with st.container(key=f"narrative-{task_code}"):
        if shown is None:
            st.caption(t("narratives.none", lang))
        else:
            _show(shown, lang)
    if rows:
        with st.expander(t("narratives.history", lang, count=len(rows))):
            _history(rows, lang)
    owner = narratives.task_owner(store, task_code)
    if narratives.may_write(actor, owner):
        _form(store, actor, task_code, quarter, owner, rows[0] if rows else None, lang)  # type: ignore[arg-type]
    if accounts.may(actor, "review_narrative") and shown is not None and shown.state == narratives.SUBMITTED:
        _review_form(store, actor, task_code, quarter, lang)  # type: ignore[arg-type]


def _show(row: TaskNarrative, lang: str) -> None:
    byline = t(
        "narratives.byline",
        lang,
        state=_state(row.state, lang),
        author=row.author,
        when=_when(row.submitted_at),
        version=row.version,
    )
    st.caption(md_text(byline))
    for key in narratives.FIELDS:
        value = getattr(row, key)
        if value:
            st.markdown(f"**{t(f'narratives.{key}', lang)}**")
            st.markdown(md_text(value))
    if row.state == narratives.REVIEWED:
        st.caption(md_text(t("narratives.reviewed_by", lang, reviewer=row.reviewer, when=_when(row.reviewed_at))))
        if row.review_note:
            st.markdown(f"**{t('narratives.review_note', lang)}**")
            st.markdown(md_text(row.review_note))


def _history(rows: list[TaskNarrative], lang: str) -> None:
    # a data table: its cells are never read as Markdown
    st.dataframe(
        pl.DataFrame(
            {
                t("narratives.version", lang): [r.version for r in rows],
                t("narratives.state", lang): [_state(r.state, lang) for r in rows],
                t("narratives.author", lang): [r.reviewer if r.reviewer else r.author for r in rows],
                t("narratives.when", lang): [_when(r.created_at) for r in rows],
                **{t(f"narratives.{k}", lang): [getattr(r, k) for r in rows] for k in narratives.FIELDS},
            }
        ),
        hide_index=True,
    )


def _form(store, actor: Actor, task: str, quarter: str, owner: str, last, lang: str) -> None:  # type: ignore[no-untyped-def]
    lagging = narratives.lagging_tasks(store, quarter).get(task, False)
    with st.expander(t("narratives.write", lang, agency=owner), expanded=False):
        if lagging:
            st.warning(t("narratives.reasons_required", lang))
        with st.form(f"narrative_{task}_{quarter}"):
            values = {
                key: st.text_area(
                    t(f"narratives.{key}", lang),
                    value=getattr(last, key) if last else "",
                    max_chars=narratives.MAX_FIELD,
                    key=f"narrative_{task}_{quarter}_{key}",
                )
                for key in narratives.FIELDS
            }
            draft, submit = st.columns(2)
            as_draft = draft.form_submit_button(t("narratives.save_draft", lang))
            as_submit = submit.form_submit_button(t("narratives.submit", lang), type="primary")
        if as_draft or as_submit:
            texts = narratives.Texts.of(values)
            _run(lambda: narratives.save(store, actor, task, quarter, texts, submit=as_submit, lagging=lagging), lang)
        _upload(store, actor, quarter, lang)


def _run(action, lang: str) -> None:  # type: ignore[no-untyped-def]
    try:
        row = action()
    except (PermissionDenied, ValueError) as exc:
        st.error(md_text(exc))
        return
    saved = t("narratives.saved", lang, version=row.version, state=_state(row.state, lang))
    st.session_state["narrative_saved"] = saved
    st.rerun()


def _review_form(store, actor: Actor, task: str, quarter: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    with st.form(f"review_{task}_{quarter}", clear_on_submit=True):
        st.markdown(f"**{t('narratives.review', lang)}**")
        note = st.text_area(t("narratives.review_note", lang), max_chars=narratives.MAX_FIELD)
        if st.form_submit_button(t("narratives.review_button", lang)):
            _run(lambda: narratives.review(store, actor, task, quarter, note), lang)


def _owned(store, actor: Actor | None) -> list[str]:  # type: ignore[no-untyped-def]
    codes = [tk.code for tk in store.catalog.tasks]
    return [code for code in codes if narratives.may_write(actor, narratives.task_owner(store, code))]


def _template_buttons(owned: list[str], quarter: str, lang: str, key: str) -> None:
    a, b = st.columns(2)
    a.download_button(
        t("narratives.download_xlsx", lang),
        narrative_upload.template_xlsx(owned, quarter),
        file_name=narrative_upload.template_filename(quarter, "xlsx"),
        key=f"{key}-xlsx-{quarter}",
    )
    b.download_button(
        t("narratives.download_csv", lang),
        narrative_upload.template_csv(owned, quarter),
        file_name=narrative_upload.template_filename(quarter, "csv"),
        key=f"{key}-csv-{quarter}",
    )


def narrative_templates(month: date, lang: str) -> None:
    """On the upload page, beside the other templates: the narrative template of the month's quarter for the
    tasks the user may write (it is uploaded on the 전략·과제 page, beside the task's figures)."""
    store, actor = auth.store(), auth.current_actor()
    owned = _owned(store, actor)
    if owned:
        with st.expander(t("narratives.template", lang)):
            st.caption(t("narratives.template_where", lang))
            _template_buttons(owned, narrative_upload.default_quarter(month), lang, "upload-narrative-template")


def _upload(store, actor: Actor, quarter: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    st.markdown(f"**{t('narratives.template', lang)}**")
    st.caption(t("narratives.template_help", lang))
    _template_buttons(_owned(store, actor), quarter, lang, "narrative-template")
    with st.form(f"narrative-upload-{quarter}", clear_on_submit=True):
        file = file_input(t("narratives.upload", lang), types=["xlsx", "csv"], max_bytes=max_upload_bytes())
        submit = st.checkbox(t("narratives.upload_submit", lang), value=True)
        send = st.form_submit_button(t("narratives.upload_save", lang))
    if send and file is not None:
        content = file.getvalue()
        checked = narrative_upload.check_file(store, actor, file.name, content, submit=submit)
        if not checked.ok:
            st.error(t("narratives.upload_problems", lang, count=len(checked.problems)))
            st.dataframe(
                pl.DataFrame(
                    {
                        t("narratives.row", lang): [p.row for p in checked.problems],
                        t("narratives.column", lang): [p.column for p in checked.problems],
                        t("narratives.value", lang): [p.value for p in checked.problems],
                        t("narratives.message", lang): [p.message(lang) for p in checked.problems],
                    }
                ),
                hide_index=True,
            )
            return
        try:
            saved = narrative_upload.save_file(store, actor, checked, submit=submit, filename=file.name)
        except (PermissionDenied, ValueError) as exc:
            st.error(md_text(exc))
            return
        st.session_state["narrative_saved"] = t("narratives.upload_saved", lang, count=len(saved))
        st.rerun()


def flash() -> None:
    """The confirmation of the last save, shown once after the rerun that follows it."""
    message = st.session_state.pop("narrative_saved", None)
    if message:
        st.success(message)
