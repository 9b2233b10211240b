-- key: period, time_window, scope_group, scope_agency, dimension, key
-- one row per page filter (scope_group × scope_agency, int_page_scopes) × month × time window × dimension
-- ('total', 'type' of reward, 'agency') × key (the type or agency code; '' for the total): the rewards page's
-- payouts, recipients and amount in 원 over the window's payouts (sql/queries/reward_breakdown.sql selects
-- them). The total row is there for every filter and window (0 payouts, null sums when there are none).
with

pivoted as (
    select
        period, time_window, scope_group, scope_agency, dimension, key,
        max(records) as payouts,
        max(amount) filter (where addend = 'recipients') as recipients,
        max(amount) filter (where addend = 'amount_krw') as amount_krw
    from int_breakdown_sums
    where source = 'rewards'
    group by period, time_window, scope_group, scope_agency, dimension, key
),

final as (
    select
        cast(p.period as date) as period,
        cast(p.time_window as varchar) as time_window,
        cast(p.scope_group as varchar) as scope_group,
        cast(p.scope_agency as varchar) as scope_agency,
        cast(case p.dimension when 'category' then 'type' else p.dimension end as varchar) as dimension,
        cast(p.key as varchar) as key,
        cast(a.name_ko as varchar) as agency_name_ko,
        cast(a.name_en as varchar) as agency_name_en,
        cast(p.payouts as bigint) as payouts,
        cast(p.recipients as bigint) as recipients,
        cast(p.amount_krw as bigint) as amount_krw
    from pivoted as p
    left join ref_agencies as a on p.dimension = 'agency' and a.agency_code = p.key
)

select * from final
