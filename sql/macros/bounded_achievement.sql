-- kind: scalar
-- parameters: raw
-- The achievement that is judged and rolled up: the raw achievement bounded to [0, rollup_cap]
-- (ref_settings, 120). The floor stops a KPI that went the wrong way (−601 %) from swamping every roll-up
-- above it; the cap stops one over-achieving KPI from hiding another. -0.0 becomes 0. Null stays null.
case
    when raw <= 0 then cast(0 as double)
    when raw > (select rollup_cap from ref_settings) then (select rollup_cap from ref_settings)
    else raw
end
