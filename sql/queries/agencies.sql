-- one row per agency that exists in $month, of $group ('all' | 'central' | 'local'): central first, by name
select agency_code, name_ko, name_en, agency_group, kind
from ref_agencies
where
    (valid_from is null or valid_from <= last_day($month))
    and (valid_to is null or valid_to >= $month)
    and ($group = 'all' or agency_group = $group)
order by agency_group, name_ko
