-- one row per agency in the snapshot's reference list: code and names, for the agency option and annexes
select agency_code, name_ko, name_en, agency_group, valid_from, valid_to
from ref_agencies
order by agency_code
