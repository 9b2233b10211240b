-- one row: the published snapshot's build id, build time (Korea time) and latest month, and what its figures
-- were drawn with: the catalog (version and SHA-256) and the reference data (agencies and holidays, SHA-256)
select build_id, built_at, as_of_period, catalog_version, catalog_digest, reference_digest
from build_info
