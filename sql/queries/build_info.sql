-- one row: the published snapshot's build id, build time (Korea time) and latest month, and what its figures
-- were drawn with: the catalog (version and SHA-256) and the reference data (agencies and holidays, SHA-256)
select
    cast(build_id as varchar) as build_id,
    cast(built_at as timestamp) as built_at,
    cast(as_of_period as date) as as_of_period,
    cast(catalog_version as varchar) as catalog_version,
    cast(catalog_digest as varchar) as catalog_digest,
    cast(reference_digest as varchar) as reference_digest
from build_info
