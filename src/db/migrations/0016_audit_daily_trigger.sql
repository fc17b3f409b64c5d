-- Custom: insights read per-day counts of the reset and registration steps (src/db/insights.ts);
-- a trigger keeps audit_daily current as audit rows arrive, and the backfill counts the rows
-- already there. A covering index on audit_log measured 4.6 s for a year of 100k users; this 16 ms.
CREATE TRIGGER `audit_daily_count` AFTER INSERT ON `audit_log`
WHEN NEW.tenant_id IS NOT NULL AND (NEW.action LIKE 'reset.%' OR NEW.action IN ('me.method_verify', 'me.security_questions_set'))
BEGIN
  INSERT INTO `audit_daily` (tenant_id, day, action, outcome, code, rows)
  VALUES (NEW.tenant_id, substr(NEW.at, 1, 10), NEW.action, NEW.outcome, coalesce(NEW.code, ''), 1)
  ON CONFLICT (tenant_id, day, action, outcome, code) DO UPDATE SET rows = rows + 1;
END;
--> statement-breakpoint
INSERT INTO `audit_daily` (tenant_id, day, action, outcome, code, rows)
SELECT tenant_id, substr(at, 1, 10), action, outcome, coalesce(code, ''), count(*) FROM `audit_log`
WHERE tenant_id IS NOT NULL AND (action LIKE 'reset.%' OR action IN ('me.method_verify', 'me.security_questions_set'))
GROUP BY 1, 2, 3, 4, 5;
