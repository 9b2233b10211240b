"""업로드 / Upload: pick dataset and month, get the template, upload, see the preview and the validation
report, confirm, and watch the figures rebuild in the background.

Every rule is enforced in etl/ (ingest.preview and ingest.submit); this page only shows what they say.
The acting user is the logged-in one: an agency officer submits for their own agency; an administrator picks
the agency to act for; anyone else is told to log in (or that their role does not submit).
"""

from __future__ import annotations

import hashlib
from datetime import date

import streamlit as st

from dashboard.components import auth
from dashboard.components.cells import readable
from dashboard.components.file_input import file_input
from dashboard.components.inert import inert_frame, md_text
from dashboard.components.narratives import narrative_templates
from dashboard.components.page import current_language
from dashboard.components.tables import paginated_table
from dashboard.components.upload_panels import due_panel, replacement_panel
from dashboard.i18n import t
from etl.access.actors import Actor, PermissionDenied, role_name
from etl.builder import background as rebuild
from etl.governance import accounts
from etl.ingest import check_worker as worker
from etl.ingest import upload_compare
from etl.ingest.accept import FileTooLarge, StorageFull, SubmissionRefused, max_upload_bytes, preview, submit
from etl.ingest.contracts import DATASETS
from etl.ingest.templates import column_guide, template_csv, template_filename, template_xlsx
from etl.ingest.validation_report import MAX_LISTED, report_csv, report_xlsx
from etl.ledger.store import Store
from metrics.clock import now_kst
from metrics.kst import add_months, month_start
from metrics.settings import get_settings

PREVIEW_ROWS = 20
SHOWN_PROBLEMS = 200


def _agency_names(store: Store, lang: str) -> dict[str, str]:
    name = "name_ko" if lang == "ko" else "name_en"
    return dict(zip(store.agencies["agency_code"], store.agencies[name], strict=True))


def acting_actor(store: Store, lang: str) -> Actor | None:
    """Who submits, from the login; None (with the reason shown) when nobody here may submit."""
    actor = auth.current_actor()
    if actor is None:
        st.info(t("upload.login_needed", lang))
        st.page_link("views/login.py", label=t("nav.login", lang), icon=":material/login:")
        return None
    if not accounts.may(actor, "submit", agency_code=actor.agency_code):
        st.warning(t("upload.role_cannot_submit", lang, role=role_name(actor.role, lang)))
        return None
    names = _agency_names(store, lang)
    if actor.agency_code:  # an agency officer: always their own agency
        # A Material Symbol, not an emoji: it shows where no emoji font is installed.
        st.sidebar.markdown(
            ":material/apartment: " + t("upload.acting_agency", lang, agency=md_text(names.get(actor.agency_code, "")))
        )
        return actor
    codes = sorted(names, key=lambda c: names[c])
    code = st.sidebar.selectbox(
        t("upload.acting_for", lang),  # plain words: a widget's label is also its accessible name
        codes,
        format_func=lambda c: f"{names[c]} ({c})",
        key="acting_agency",
        help=t("upload.acting_help", lang),
    )
    return Actor(actor.user_id, actor.role, code)  # the administrator, acting for that agency


def _months() -> list[date]:
    current = month_start(now_kst().date())
    return [add_months(current, -k) for k in range(0, 24)]


def _guide(dataset: str, lang: str) -> None:
    rows = column_guide(dataset)
    kind, rule, required, form = (
        ("kind_ko", "rule_ko", "required_ko", "form")
        if lang == "ko"
        else ("kind_en", "rule_en", "required_en", "form_en")
    )
    with st.expander(t("upload.guide", lang)):
        st.table(
            {
                t("upload.guide_header", lang): [r["header_ko"] for r in rows],
                t("upload.guide_name", lang): [r["name"] for r in rows],
                t("upload.guide_kind", lang): [r[kind] for r in rows],
                t("upload.guide_required", lang): [r[required] for r in rows],
                t("upload.guide_rule", lang): [r[rule] for r in rows],
                t("upload.guide_form", lang): [r[form] for r in rows],
            }
        )


def _templates(dataset: str, agency: str, month: date, lang: str) -> None:
    left, right = st.columns(2)
    left.download_button(
        t("upload.template_csv", lang),
        template_csv(dataset, agency, month),
        file_name=template_filename(dataset, month, "csv"),
        mime="text/csv",
        key="template_csv",
    )
    right.download_button(
        t("upload.template_xlsx", lang),
        template_xlsx(dataset, agency, month),
        file_name=template_filename(dataset, month, "xlsx"),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="template_xlsx",
    )


def _problems_table(problems: list, lang: str) -> None:
    shown = problems[:SHOWN_PROBLEMS]
    paginated_table(
        {
            t("upload.problem_row", lang): ["" if p.row is None else p.row for p in shown],
            t("upload.problem_column", lang): [p.column or "" for p in shown],
            t("upload.problem_value", lang): [p.value or "" for p in shown],
            t("upload.problem_severity", lang): [t(f"upload.severity_{p.severity}", lang) for p in shown],
            t("upload.problem_message", lang): [p.message(lang) for p in shown],
        },
        key="problems",
        lang=lang,
        size=20,
    )


def _report_downloads(problems: list, content: bytes, name: str, dataset: str, lang: str) -> None:
    stem = name.rsplit(".", 1)[0]
    left, right = st.columns(2)
    left.download_button(
        t("upload.report_csv", lang), report_csv(problems), file_name=f"{stem}_검증결과.csv", mime="text/csv"
    )
    right.download_button(
        t("upload.report_xlsx", lang),
        report_xlsx(problems, content, name, dataset),
        file_name=f"{stem}_검증결과.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@st.fragment(run_every=1.0)
def _rebuild_progress(job: str, lang: str) -> None:
    state = rebuild.status(get_settings(), job)
    if state.state == rebuild.RUNNING:
        st.progress(state.fraction, text=t("upload.rebuilding", lang, step=state.step))
    elif state.state == rebuild.DONE:
        st.success(t("upload.rebuilt", lang, build_id=state.build_id))
    else:
        st.error(t("upload.rebuild_failed", lang, error=md_text(state.error)))


def _outcome_message(outcome, lang: str) -> None:  # IngestOutcome
    if outcome.status == "duplicate":
        st.info(t("upload.duplicate", lang, id=outcome.submission_id))
        return
    st.success(t("upload.accepted", lang, id=outcome.submission_id, rows=outcome.row_count))
    if outcome.restored:
        st.info(t("upload.restored", lang, id=outcome.submission_id))
    elif outcome.superseded_id:
        st.info(t("upload.superseded", lang, id=outcome.superseded_id))


def _checked(store: Store, content: bytes, name: str, dataset: str, actor: Actor, month: date):  # Preview
    """The preview of this exact upload, computed once per file and slot (the page reruns on every click)."""
    key = (hashlib.sha256(content).hexdigest(), dataset, actor.agency_code, month.isoformat())
    kept = st.session_state.setdefault("upload_checked", {})
    if key not in kept:
        kept.clear()
        kept[key] = _for_own_agency(preview, store, content, name, dataset, actor, month)
    return key, kept[key]


def _for_own_agency(step, store: Store, content: bytes, name: str, dataset: str, actor: Actor, month: date):
    """preview or submit this file for the officer's own agency, stopped if the browser session ends."""
    return step(
        store,
        content,
        filename=name,
        dataset=dataset,
        agency_code=actor.agency_code or "",
        period=month,
        actor=actor,
        cancelled=_session_gone(),
    )


def _compared(key: tuple, store: Store, actor: Actor, dataset: str, month: date, frame) -> upload_compare.Comparison:
    kept = st.session_state.setdefault("upload_compared", {})
    if key not in kept:
        kept.clear()
        kept[key] = upload_compare.compare(store, actor, dataset, actor.agency_code or "", month, frame)
    return kept[key]


def _session_gone():  # () -> bool
    """Whether the browser session that sent the file has ended: the file's bounded child (etl.ingest.check_worker) is
    then stopped rather than left working for nobody."""
    from streamlit.runtime import exists, get_instance
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is None or not exists():
        return None
    session, runtime = ctx.session_id, get_instance()
    return lambda: not runtime.is_active_session(session)


def _record_once(key: tuple, store: Store, content: bytes, name: str, dataset: str, actor: Actor, month: date):
    done = st.session_state.setdefault("upload_recorded", {})
    if key not in done:
        try:
            done[key] = _for_own_agency(submit, store, content, name, dataset, actor, month)
        except StorageFull as exc:
            st.error(f"**{t('upload.refused', current_language())}** — {exc}")
            st.stop()
    return done[key]


def main() -> None:
    lang = current_language()
    st.title(t("nav.upload", lang))
    store = auth.store()  # the pages' one cached store (components/auth.py)
    actor = acting_actor(store, lang)
    if actor is None:
        return
    names = _agency_names(store, lang)
    due_panel(actor.agency_code or "", names.get(actor.agency_code or "", ""), lang)
    left, right = st.columns(2)
    dataset = left.selectbox(
        t("upload.dataset", lang),
        list(DATASETS),
        format_func=lambda d: DATASETS[d].title_ko if lang == "ko" else DATASETS[d].title_en,
        key="upload_dataset",
    )
    months = _months()
    month = right.selectbox(
        t("upload.month", lang), months, index=1, format_func=lambda m: f"{m:%Y-%m}", key="upload_month"
    )
    _guide(dataset, lang)
    _templates(dataset, actor.agency_code or "", month, lang)
    narrative_templates(month, lang)  # the task narratives' template (dashboard/components/narratives.py)

    limit_mb = max_upload_bytes() / 1024 / 1024
    upload = file_input(
        t("upload.file", lang),
        types=["csv", "xlsx", "txt"],
        max_bytes=max_upload_bytes(),
        key=f"file-{dataset}-{actor.agency_code}-{month:%Y%m}",
        help=t("upload.file_help", lang, limit=f"{limit_mb:,.0f}"),
    )
    if upload is None:
        return
    content = upload.getvalue()
    try:
        with st.spinner(t("upload.checking", lang)):
            key, checked = _checked(store, content, upload.name, dataset, actor, month)
    except FileTooLarge as exc:
        st.error(f"**{t('upload.too_large', lang)}** — {md_text(exc)}")
        return
    except (SubmissionRefused, PermissionDenied, ValueError) as exc:
        st.error(f"**{t('upload.refused', lang)}** — {md_text(exc)}")
        return
    except worker.Cancelled:
        return  # the session ended while the file was checked: nobody is left to show anything to
    _show_checked(key, checked, store, content, upload.name, dataset, actor, month, lang)


def _show_checked(key, checked, store, content, name, dataset, actor, month, lang) -> None:  # noqa: PLR0913
    result = checked.result
    st.markdown(
        t(
            "upload.summary",
            lang,
            rows=f"{result.row_count:,}",
            errors=len(result.errors),
            warnings=len(result.warnings),
        )
    )
    if checked.same_bytes is not None:
        st.info(t("upload.same_bytes", lang, id=checked.same_bytes.id, status=checked.same_bytes.status))
    if not result.ok:
        outcome = _record_once(key, store, content, name, dataset, actor, month)
        st.error(t("upload.has_errors", lang, id=outcome.submission_id))
    elif result.frame is not None:
        st.success(t("upload.ok", lang))
        st.caption(t("upload.preview", lang, n=PREVIEW_ROWS))
        head = result.frame.head(PREVIEW_ROWS)
        titles = {c.name: c.header_ko for c in DATASETS[dataset].columns}
        st.table(inert_frame(readable(head.rename(titles), lang)))  # 예/아니요, not True/False (§27)
    if result.problems:
        st.subheader(t("upload.problems", lang, n=min(len(result.problems), MAX_LISTED)))
        _problems_table(result.problems, lang)
        _report_downloads(result.problems, content, name, dataset, lang)
    if not result.ok:
        return
    recorded = st.session_state.get("upload_recorded", {}).get(key)
    if recorded is None and result.frame is not None:
        # Said before 제출 확정: what this file replaces and the figures it changes.
        replacement_panel(_compared(key, store, actor, dataset, month, result.frame), lang)
    if recorded is None and st.button(t("upload.confirm", lang), type="primary", key="confirm"):
        recorded = _record_once(key, store, content, name, dataset, actor, month)
        if recorded.accepted:
            st.session_state["rebuild_job"] = rebuild.start(get_settings())
    if recorded is not None:
        _outcome_message(recorded, lang)
        job = st.session_state.get("rebuild_job")
        if job:
            _rebuild_progress(job, lang)


main()
