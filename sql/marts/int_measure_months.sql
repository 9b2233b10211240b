-- key: source, filter_set, agency_code, period, addend
-- one row per additive source (participation, rewards, meetings) × KPI filter set × agency × month × addend,
-- for the agency-months with at least one record that passes the filter (agencies only in months they exist):
--   records  the records that pass the filter;  amount  Σ of the addend over them (exact integers)
-- The addends are those of int_record_months, its categories' sums added up per filter set. A source's
-- filter can only select on its category column (platform, reward_type, meeting_type): a filter set with a
-- filter on another column keeps nothing. Every measure of these sources adds these months up
-- (int_measures_additive per window; int_measures_meetings pairs months with the baseline year's).
with

categories as (
    select * from (values
        ('participation', 'platform'), ('rewards', 'reward_type'), ('meetings', 'meeting_type')
    ) as c(source, column_name)
),

filter_sets as (
    select distinct s.source, s.filter_set
    from int_kpi_filter_sets as s
    semi join categories as c on c.source = s.source
),

filter_values as (
    select distinct s.filter_set, f.column_name, f.value
    from int_kpi_filter_sets as s
    inner join ref_kpi_filters as f on f.kpi_code = s.kpi_code
),

combo_sets as (
    -- each category with every filter set it passes (a filter on another column keeps nothing)
    select s.source, s.filter_set, k.category
    from filter_sets as s
    inner join categories as c on c.source = s.source
    inner join (select distinct source, category from int_record_months) as k on k.source = s.source
    where
        not exists (
            select 1 from filter_values as v where v.filter_set = s.filter_set and v.column_name <> c.column_name
        )
        and (
            not exists (select 1 from filter_values as v where v.filter_set = s.filter_set)
            or exists (select 1 from filter_values as v where v.filter_set = s.filter_set and v.value = k.category)
        )
),

addends as (
    select cs.filter_set, r.*
    from int_record_months as r
    inner join combo_sets as cs on cs.source = r.source and cs.category is not distinct from r.category
),

final as (
    select
        cast(source as varchar) as source,
        cast(filter_set as varchar) as filter_set,
        cast(agency_code as varchar) as agency_code,
        cast(period as date) as period,
        cast(addend as varchar) as addend,
        cast(sum(records) as bigint) as records,
        cast(sum(amount) as hugeint) as amount
    from addends
    group by source, filter_set, agency_code, period, addend
)

select * from final
