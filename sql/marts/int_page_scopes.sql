-- key: scope_group, scope_agency, agency_code?
-- one row per filter a page can be given (scope_group 'all'|'central'|'local' × scope_agency 'all' or an
-- agency code) × agency it takes in: the agencies of the group (all of them for 'all') that are the agency
-- (every one for 'all'). A filter that takes in no agency (an agency outside the group) has one row with a
-- null agency_code, so that every filter has rows: the breakdown marts give it its zero total.
with

scopes as (
    select g.scope_group, a.scope_agency
    from (values ('all'), ('central'), ('local')) as g(scope_group)
    cross join (select 'all' as scope_agency union all select agency_code from ref_agencies) as a
),

final as (
    select
        cast(s.scope_group as varchar) as scope_group,
        cast(s.scope_agency as varchar) as scope_agency,
        cast(a.agency_code as varchar) as agency_code
    from scopes as s
    left join ref_agencies as a
        on (s.scope_group = 'all' or a.agency_group = s.scope_group)
        and (s.scope_agency = 'all' or a.agency_code = s.scope_agency)
)

select * from final
