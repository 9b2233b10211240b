-- one row: the status thresholds of the published snapshot (on_track, watch), which a page needs to show an
-- achievement on the same side of them as its status (metrics/display.py toward_boundary)
select cast(on_track as double) as on_track, cast(watch as double) as watch
from ref_settings
