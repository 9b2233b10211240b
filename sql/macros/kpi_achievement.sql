-- kind: scalar
-- parameters: formula, value, target
-- A KPI's raw achievement (%), the plain ratio by the KPI's formula (ref_kpis.formula), unbounded:
--   ratio          value ÷ target × 100          (null when target = 0)
--   inverse_ratio  target ÷ value × 100          (null when value <= 0)
--   two_minus      (2 − value ÷ target) × 100    (null when target = 0)
-- null when value or target is null. May be negative or above the cap: bounded_achievement bounds it.
case
    when value is null or target is null then null
    when formula = 'ratio' then case when target <> 0 then value / target * 100 end
    when formula = 'inverse_ratio' then case when value > 0 then target / value * 100 end
    when formula = 'two_minus' then case when target <> 0 then (2 - value / target) * 100 end
end
