-- A report's entries named departments as free text: a measure row's `completed_by` (the workspace wrote the
-- signed-in person's name there; the demo a department's Korean name) and a follow-up's `owner` (담당, as staff
-- typed it). Both become the register's department id (decision 0095):
-- 1. a value that is the id or the Korean name of exactly one register department becomes that id;
-- 2. anything else (a person's name, a name the register does not know or two departments share) is removed:
--    the row stays completed (`completed_on`) and the report says "부서 미기록 (department not recorded)"; a
--    follow-up without an owner shows none. The value is not lost: every earlier save of the entries is in
--    the audit trail with its before and after, with who saved it.
-- A report's frozen snapshot is left as it was completed. Reports are not in tenant exports (db/src/export.ts),
-- so no export reader is needed. (Citus: the new entries are computed in materialised CTEs joined on
-- tenant_id; the UPDATE only assigns them.)
WITH el AS (
  SELECT r.tenant_id, r.plan_id, r.year, e.n, e.m
    FROM implementation_report r
    CROSS JOIN jsonb_array_elements(r.entries -> 'measures') WITH ORDINALITY AS e(m, n)
   WHERE jsonb_typeof(r.entries -> 'measures') = 'array'
),
touched AS (
  SELECT DISTINCT tenant_id, plan_id, year FROM el WHERE el.m ? 'completed_by'
),
matched AS (
  SELECT el.tenant_id, el.plan_id, el.year, el.n, el.m,
         CASE WHEN count(d.id) = 1 THEN min(d.id) END AS dep
    FROM el
    JOIN touched t ON t.tenant_id = el.tenant_id AND t.plan_id = el.plan_id AND t.year = el.year
    LEFT JOIN agenda_register d
      ON d.tenant_id = el.tenant_id AND d.kind = 'department'
     AND (d.id = el.m ->> 'completed_by' OR d.document -> 'name' ->> 'ko' = el.m ->> 'completed_by')
   GROUP BY el.tenant_id, el.plan_id, el.year, el.n, el.m
),
measures AS (
  SELECT tenant_id, plan_id, year,
         jsonb_agg(
           CASE WHEN NOT (m ? 'completed_by') THEN m
                WHEN dep IS NULL THEN m - 'completed_by'
                ELSE (m - 'completed_by') || jsonb_build_object('completed_by', dep) END
           ORDER BY n) AS measures
    FROM matched
   GROUP BY tenant_id, plan_id, year
),
rebuilt AS MATERIALIZED (
  SELECT r.tenant_id, r.plan_id, r.year, r.entries || jsonb_build_object('measures', x.measures) AS entries
    FROM measures x
    JOIN implementation_report r ON r.tenant_id = x.tenant_id AND r.plan_id = x.plan_id AND r.year = x.year
)
UPDATE implementation_report
   SET entries = rebuilt.entries, version = implementation_report.version + 1
  FROM rebuilt
 WHERE implementation_report.tenant_id = rebuilt.tenant_id AND implementation_report.plan_id = rebuilt.plan_id
   AND implementation_report.year = rebuilt.year;
--> statement-breakpoint
WITH el AS (
  SELECT r.tenant_id, r.plan_id, r.year, e.n, e.m
    FROM implementation_report r
    CROSS JOIN jsonb_array_elements(r.entries -> 'follow_up') WITH ORDINALITY AS e(m, n)
   WHERE jsonb_typeof(r.entries -> 'follow_up') = 'array'
),
touched AS (
  SELECT DISTINCT tenant_id, plan_id, year FROM el WHERE el.m ? 'owner'
),
matched AS (
  SELECT el.tenant_id, el.plan_id, el.year, el.n, el.m,
         CASE WHEN count(d.id) = 1 THEN min(d.id) END AS dep
    FROM el
    JOIN touched t ON t.tenant_id = el.tenant_id AND t.plan_id = el.plan_id AND t.year = el.year
    LEFT JOIN agenda_register d
      ON d.tenant_id = el.tenant_id AND d.kind = 'department'
     AND (d.id = el.m ->> 'owner' OR d.document -> 'name' ->> 'ko' = el.m ->> 'owner')
   GROUP BY el.tenant_id, el.plan_id, el.year, el.n, el.m
),
follow AS (
  SELECT tenant_id, plan_id, year,
         jsonb_agg(
           CASE WHEN NOT (m ? 'owner') THEN m
                WHEN dep IS NULL THEN m - 'owner'
                ELSE (m - 'owner') || jsonb_build_object('owner', dep) END
           ORDER BY n) AS follow_up
    FROM matched
   GROUP BY tenant_id, plan_id, year
),
rebuilt AS MATERIALIZED (
  SELECT r.tenant_id, r.plan_id, r.year, r.entries || jsonb_build_object('follow_up', x.follow_up) AS entries
    FROM follow x
    JOIN implementation_report r ON r.tenant_id = x.tenant_id AND r.plan_id = x.plan_id AND r.year = x.year
)
UPDATE implementation_report
   SET entries = rebuilt.entries, version = implementation_report.version + 1
  FROM rebuilt
 WHERE implementation_report.tenant_id = rebuilt.tenant_id AND implementation_report.plan_id = rebuilt.plan_id
   AND implementation_report.year = rebuilt.year;
