-- Issue 14 (honest counts): an EXISTING_POLICY resolution whose asker rated the policy unclear now counts
-- as unclear in the management rollup, and rating a question now refreshes its facts. Facts computed
-- before this change are rebuilt: deleting the watermark makes the next refresh rebuild everything
-- (lib/analytics/management-rollup.ts). No schema change.
DELETE FROM "AppSetting" WHERE key = 'rollup.management.watermark';
