-- kind: scalar
-- parameters:
-- The tolerance, in percentage points, with which an achievement is compared with a status threshold: a
-- float artefact such as 79.99999999999999 counts as 80. The one place this figure is written; the status
-- macro uses it, and metrics/display.py reads it from this file so that a shown figure agrees with its status.
1e-9
