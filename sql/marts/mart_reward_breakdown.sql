-- key: period, time_window, scope_group, scope_agency, dimension, key
-- one row per page filter (scope_group × scope_agency, int_page_scopes) × month × time window × dimension
-- ('total', 'type' of reward, 'agency') × key (the type or agency code; '' for the total): the rewards page's
-- payouts, recipients and amount in 원 over the window's payouts (sql/queries/reward_breakdown.sql selects
-- them). The total row is there for every filter and window (0 payouts, null sums when there are none). The
-- rows and the sums: page_breakdown.
with

final as (
    select
        s.* exclude (records, amounts, paired_amounts, base_amounts),
        cast(s.records as bigint) as payouts,
        cast(s.amounts['recipients'] as bigint) as recipients,
        cast(s.amounts['amount_krw'] as bigint) as amount_krw
    from page_breakdown('rewards') as s
)

select * from final
