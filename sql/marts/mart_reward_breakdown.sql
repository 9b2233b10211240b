-- key: period, time_window, scope_group, scope_agency, dimension, key
-- one row per page filter (scope_group × scope_agency, int_page_scopes) × month × time window × dimension
-- ('total', 'type' of reward, 'agency') × key (the type or agency code; '' for the total): the rewards page's
-- payouts, recipients and amount in 원 over the window's payouts (sql/queries/reward_breakdown.sql selects
-- them). The total row is there for every filter and window (0 payouts, null sums when there are none).
with

final as (
    select
        period, time_window, scope_group, scope_agency, dimension, key, agency_name_ko, agency_name_en,
        cast(max(records) as bigint) as payouts,
        cast(max(amount) filter (where addend = 'recipients') as bigint) as recipients,
        cast(max(amount) filter (where addend = 'amount_krw') as bigint) as amount_krw
    from int_breakdown_sums
    where source = 'rewards'
    group by period, time_window, scope_group, scope_agency, dimension, key, agency_name_ko, agency_name_en
)

select * from final
