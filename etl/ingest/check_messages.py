"""The validation report's messages, by rule (or rule.variant), Korean then English (etl/ingest/validate.py
fills them in; shared/domain/datasets.md is the source of the rules)."""

from __future__ import annotations

# Messages by rule (or rule.variant), Korean then English. Fields: {h} the Korean header, {n} the English
# name, {v} the value found, {d} the row's detail (see _Check.detail), and the check's own fields.
MESSAGES: dict[str, tuple[str, str]] = {
    "required": (
        "'{h}' 값이 비어 있습니다. 값을 입력하세요.",
        "'{h}' ({n}) is empty. Enter a value.",
    ),
    "date_format.date": (
        "'{h}' 값 '{v}'은(는) 날짜로 읽을 수 없습니다. 2026-03-02와 같이 달력에 있는 날짜를 입력하세요"
        "(20260302, 2026/03/02, 2026.03.02, 2026. 3. 2.도 됩니다).",
        "'{h}' ({n}) '{v}' cannot be read as a date. Enter a calendar date such as 2026-03-02 "
        "(20260302, 2026/03/02, 2026.03.02 and 2026. 3. 2. also work).",
    ),
    "date_format.datetime": (
        "'{h}' 값 '{v}'은(는) 날짜와 시각으로 읽을 수 없습니다. 2026-03-02 14:05와 같이 날짜 뒤에 "
        "시각(시:분 또는 시:분:초)을 입력하세요.",
        "'{h}' ({n}) '{v}' cannot be read as a date and time. Enter a date followed by a time "
        "(HH:MM or HH:MM:SS), such as 2026-03-02 14:05.",
    ),
    "date_format.month": (
        "'{h}' 값 '{v}'은(는) 월로 읽을 수 없습니다. 2026-03과 같이 입력하세요(202603, 2026.03, 2026년 3월도 됩니다).",
        "'{h}' ({n}) '{v}' cannot be read as a month. Enter it like 2026-03 "
        "(202603, 2026.03 and 2026년 3월 also work).",
    ),
    "number_format.int": (
        "'{h}' 값 '{v}'은(는) 정수가 아닙니다. 1234 또는 1,234와 같이 소수점 없는 숫자만 입력하세요.",
        "'{h}' ({n}) '{v}' is not a whole number. Enter digits only, such as 1234 or 1,234.",
    ),
    "number_format.number": (
        "'{h}' 값 '{v}'은(는) 숫자로 읽을 수 없습니다. 12.5, 1,234 또는 85.5%와 같이 입력하세요.",
        "'{h}' ({n}) '{v}' is not a number. Enter a number such as 12.5, 1,234 or 85.5%.",
    ),
    "enum": (
        "'{h}' 값 '{v}'은(는) 허용되지 않습니다. 다음 중 하나를 입력하세요: {allowed}.",
        "'{h}' ({n}) '{v}' is not allowed. Enter one of: {allowed}.",
    ),
    "range": (
        "'{h}' 값 {v}이(가) 허용 범위를 벗어났습니다. {range_ko}로 입력하세요.",
        "'{h}' ({n}) {v} is out of range. Enter a value {range_en}.",
    ),
    "range.kpi": (
        "'{h}' 값 {v}이(가) 지표 {d}의 허용 범위를 벗어났습니다. {range_ko}로 입력하세요.",
        "'{h}' ({n}) {v} is out of KPI {d}'s range. Enter a value {range_en}.",
    ),
    "max_len": (
        "'{h}' 값이 {d}자로 최대 {max_len}자를 넘습니다. {max_len}자 이내로 줄이세요.",
        "'{h}' ({n}) has {d} characters, more than the {max_len} allowed. Shorten it.",
    ),
    "duplicate": (
        "'{h}' 값 '{v}'이(가) {d}행과 중복됩니다. 한 파일에 한 번만 입력하세요"
        "(같은 건이면 한 행을 지우고, 다른 건이면 값을 고치세요).",
        "'{h}' ({n}) '{v}' repeats row {d}. Each value may appear once per file: delete the repeated "
        "row, or correct the value if it is a different record.",
    ),
    "unknown_agency": (
        "'{h}' '{v}'은(는) 등록된 기관코드가 아닙니다. 제출 기관의 7자리 행정표준코드 {agency}을(를) 입력하세요.",
        "'{h}' ({n}) '{v}' is not a known agency code. Enter the submitting agency's 7-character code {agency}.",
    ),
    "agency_mismatch": (
        "'{h}' '{v}'이(가) 제출 기관 {agency}와(과) 다릅니다. 이 파일에는 제출 기관의 자료만 넣으세요"
        "({agency}로 고치거나, 다른 기관의 행은 지우고 그 기관이 제출합니다).",
        "'{h}' ({n}) '{v}' differs from the submitting agency {agency}. A file holds one agency's "
        "records: correct it to {agency}, or delete the row and let that agency submit it.",
    ),
    "out_of_month": (
        "'{h}' '{v}'이(가) 기준월 {month} 밖입니다. 이 파일에는 {first}~{last}의 자료만 넣고, "
        "다른 달 자료는 그 달의 파일로 제출하세요.",
        "'{h}' ({n}) '{v}' is outside the month {month}. This file takes {first} to {last} only; "
        "submit other months' records in their own file.",
    ),
    "out_of_month.month": (
        "'{h}' '{v}'이(가) 이 파일의 기준월 {month}과(와) 다릅니다. {month}로 고치거나, "
        "다른 달 자료는 그 달의 파일로 제출하세요.",
        "'{h}' ({n}) '{v}' is not this file's month {month}. Correct it to {month}, or submit other "
        "months' records in their own file.",
    ),
    "future": (
        "'{h}' '{v}'은(는) 현재({now})보다 뒤의 시각입니다. 실제 일시를 입력하세요.",
        "'{h}' ({n}) '{v}' is later than now ({now}). Enter the actual date and time.",
    ),
    "resolved_before_received": (
        "'{h}' '{v}'이(가) 접수일시 '{d}'보다 앞섭니다. 두 일시를 확인해 고치세요.",
        "'{h}' ({n}) '{v}' is before the time received (접수일시) '{d}'. Check and correct both.",
    ),
    "status_needs_resolved_at": (
        "처리상태가 '처리완료'인데 '{h}'이(가) 비어 있습니다. 처리일시를 입력하거나 처리상태를 고치세요.",
        "The status (처리상태) is 처리완료 (resolved) but '{h}' ({n}) is empty. Enter when it was "
        "resolved, or correct the status.",
    ),
    "pending_has_resolved_at": (
        "처리상태가 '처리중'인데 '{h}' '{v}'이(가) 있습니다. 처리중이면 처리일시를 비우고, 처리가 "
        "끝났으면 처리상태를 '처리완료'로 고치세요.",
        "The status (처리상태) is 처리중 (pending) but '{h}' ({n}) is '{v}'. Leave it empty while "
        "pending, or set the status to 처리완료 if it was resolved.",
    ),
    "deadline_required": (
        "민원유형이 '{d}'인 민원은 기본 처리기한이 없으므로 '{h}'을(를) 입력해야 합니다. 법령에 정한 "
        "처리기한 일수를 입력하세요.",
        "A '{d}' complaint has no default deadline, so '{h}' ({n}) is required. Enter the deadline in days set by law.",
    ),
    "reviewed_above_received": (
        "'{h}' {v}이(가) 이달 의견제안접수 {d}보다 많습니다. 지난달까지 쌓인 건을 검토했다면 그대로 두어도 "
        "되지만, 아니면 값을 확인하세요.",
        "'{h}' ({n}) {v} is above this month's proposals received (의견제안접수) {d}. That is fine if "
        "earlier backlog was reviewed; otherwise check the figures.",
    ),
    "adopted_above_reviewed": (
        "'{h}' {v}이(가) 검토완료 {d}보다 많습니다. 정책반영은 검토를 마친 건 중에서만 셀 수 있으니 두 값을 고치세요.",
        "'{h}' ({n}) {v} is above proposals reviewed (검토완료) {d}. Only reviewed proposals can be "
        "adopted: correct the figures.",
    ),
    "reward_cap": (
        "'{h}' {v}원은 1인당 {d:,}원으로 1인당 상한 {cap}원을 넘습니다. 지급액과 수령인원을 확인하세요.",
        "'{h}' ({n}) {v} KRW is {d:,} KRW per recipient, above the cap of {cap} KRW per recipient. "
        "Check the amount and the recipients (수령인원).",
    ),
    "unknown_kpi": (
        "'{h}' '{v}'은(는) 기관이 실적을 보고하는 성과지표가 아닙니다. 다음 중 하나를 입력하세요: {known}.",
        "'{h}' ({n}) '{v}' is not a KPI that agencies report. Enter one of: {known}.",
    ),
}
