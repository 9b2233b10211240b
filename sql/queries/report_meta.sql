-- one row: the snapshot a report is drawn from (its id, when it was built, the catalog it was built with)
with

build as (
    select * from build_info
),

final as (
    select
        cast(build_id as varchar) as build_id,
        cast(built_at as timestamp) as built_at,
        cast(as_of_period as date) as as_of_period,
        cast(catalog_version as varchar) as catalog_version,
        cast(catalog_digest as varchar) as catalog_digest,
        cast(active_submissions as bigint) as active_submissions
    from build
)

select * from final
