-- kind: scalar
-- parameters: weight, achievement, sort_key
-- An aggregate: the weighted mean of the achievements that are not null, Σ weight × achievement ÷ Σ weight
-- over those rows; null when none has one (or their weights add up to 0). The sums run in sort_key order so
-- that the float result is the same on every build. The one roll-up rule of tasks, strategies, overall and
-- agency scores; its inputs are already bounded (bounded_achievement), so it needs no cap of its own.
sum(weight * achievement order by sort_key)
/ nullif(sum(weight order by sort_key) filter (where achievement is not null), 0)
