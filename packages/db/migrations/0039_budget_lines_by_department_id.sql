-- A budget line stored before decision 0083 names its department by the Korean name the budget writes
-- (`document.department`) and has no `department_id`; the editors' rule found its owners through the
-- register at read time. This gives every such line the register's id (decision 0095):
-- 1. a name the register does not know (by id or by Korean name) becomes a register entry, as migration 0034
--    did: id `dept-` and the first 12 hex digits of the name's MD5, name `{ ko }` (English left absent, never
--    a copy), citing the city's own register (the source added where missing), with a note saying so;
-- 2. a line whose name is the id or the Korean name of exactly one department gets that id, in its column
--    and in its document;
-- 3. a name two or more departments share stays unresolved (no id): the line stays readable as the budget
--    wrote it, only admins change it, and the workspace lists it for an admin to choose the department;
-- 4. a row standing for several projects (`aggregate_of`, the budget's "(전체)" total) is no one
--    department's: it keeps no id and makes no register entry.
-- db/src/departments.ts (`budgetLineDepartments`, for older tenant exports) states the same rule, and the
-- migration's test holds the two to it. (Citus: the new documents are computed in a CTE and joined on
-- tenant_id, materialised so that Citus plans it apart: no function of a column in an UPDATE's SET.)
INSERT INTO agenda_register (tenant_id, kind, id, document)
WITH names AS (
  SELECT DISTINCT l.tenant_id, l.document ->> 'department' AS name
    FROM budget_line l
   WHERE l.department_id IS NULL AND coalesce(l.document ->> 'department', '') <> ''
     AND NOT (l.document ? 'aggregate_of')
),
known AS (
  SELECT x.tenant_id, x.name
    FROM names x
    JOIN agenda_register r
      ON r.tenant_id = x.tenant_id AND r.kind = 'department'
     AND (r.id = x.name OR r.document -> 'name' ->> 'ko' = x.name)
),
unknown AS (
  SELECT tenant_id, name FROM names EXCEPT SELECT tenant_id, name FROM known
)
SELECT tenant_id, 'department', 'dept-' || left(md5(name), 12),
       jsonb_build_object(
         'id', 'dept-' || left(md5(name), 12),
         'name', jsonb_build_object('ko', name),
         'source', 'city-department-register',
         'note', '예산 사업의 부서 이름에서 옮김: 영문 이름을 입력하세요. (Moved from a budget line''s department name: enter the English name.)'
       )
  FROM unknown
ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO agenda_register (tenant_id, kind, id, document)
SELECT DISTINCT r.tenant_id, 'source', 'city-department-register',
       jsonb_build_object(
         'id', 'city-department-register',
         'title', '담당 부서 등록부 (City department register)',
         'ref', 'The city''s own register of its departments, kept by its administrators in the staff workspace.'
       )
  FROM agenda_register r
 WHERE r.kind = 'department' AND r.document ->> 'source' = 'city-department-register'
ON CONFLICT DO NOTHING;
--> statement-breakpoint
WITH matched AS (
  SELECT l.tenant_id, l.year, l.code, min(r.id) AS dep, count(DISTINCT r.id) AS n
    FROM budget_line l
    JOIN agenda_register r
      ON r.tenant_id = l.tenant_id AND r.kind = 'department'
     AND (r.id = l.document ->> 'department' OR r.document -> 'name' ->> 'ko' = l.document ->> 'department')
   WHERE l.department_id IS NULL AND NOT (l.document ? 'aggregate_of')
   GROUP BY l.tenant_id, l.year, l.code
),
resolved AS MATERIALIZED (
  SELECT m.tenant_id, m.year, m.code, m.dep,
         l.document || jsonb_build_object('department_id', m.dep) AS document
    FROM matched m
    JOIN budget_line l ON l.tenant_id = m.tenant_id AND l.year = m.year AND l.code = m.code
   WHERE m.n = 1
)
UPDATE budget_line
   SET department_id = resolved.dep, document = resolved.document, version = budget_line.version + 1
  FROM resolved
 WHERE budget_line.tenant_id = resolved.tenant_id AND budget_line.year = resolved.year
   AND budget_line.code = resolved.code;
