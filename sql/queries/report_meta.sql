-- one row: the snapshot a report is drawn from (its id, when it was built, the catalog it was built with and
-- that catalog's status thresholds, and the digest of the reference data: agencies and holidays)
with

build as (
    select * from build_info
),

settings as (
    select * from ref_settings
),

final as (
    select
        cast(build_id as varchar) as build_id,
        cast(build.built_at as timestamp) as built_at,
        cast(build.as_of_period as date) as as_of_period,
        cast(build.catalog_version as varchar) as catalog_version,
        cast(build.catalog_digest as varchar) as catalog_digest,
        cast(build.reference_digest as varchar) as reference_digest,
        cast(active_submissions as bigint) as active_submissions,
        cast(s.on_track as double) as on_track,
        cast(s.watch as double) as watch
    from build
    cross join settings as s
)

select * from final
