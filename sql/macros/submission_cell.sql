-- kind: scalar
-- parameters: submission_id, superseded_count, rejected_count, status
-- The cell a month's files show on the 제출 현황 matrix and the upload page's due list (submission_matrix,
-- agency_due), from a row of mart_submission_status:
--   on_time / late   an accepted file counts (first accepted file by / after the due date)
--   superseded       as on_time or late, but a newer file has replaced an earlier accepted one
--   rejected         no accepted file, and at least one file was rejected (the due date may have passed)
--   missing          no file counts and the due date has passed
--   not_due          no file counts and the due date is still ahead
-- A macro rather than a column of the mart: a locked month keeps the mart's rows of its lock's snapshot, and a
-- column added since would stay empty there.
case
    when submission_id is not null and superseded_count > 0 then 'superseded'
    when submission_id is not null then status
    when rejected_count > 0 then 'rejected'
    else status
end
