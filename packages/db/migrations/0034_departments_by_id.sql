-- A department is the agenda register's record, named everywhere by its id (decision 0083). Memberships,
-- invitations and the setting `model_owners` named departments by the Korean names the tenant's setting
-- `departments` listed (or by a register id); the setting goes, and every reference becomes an id:
-- 1. a name the register does not know (by id or by Korean name) becomes a register entry, id
--    `dept-` and the first 12 hex digits of the name's MD5, name `{ ko }` (English left absent, never a
--    copy), citing the city's own register (a source added where missing);
-- 2. memberships, invitations and `model_owners` name the register's id, in their order, each once;
-- 3. the setting `departments` is removed.
-- db/src/departments.ts (`departmentIdsOf`, for older tenant exports) states the same rule, and
-- the migration's test holds the two to it. (Citus: computed values come from CTEs and joins on tenant_id,
-- never from a function of a column in an UPDATE.)
INSERT INTO agenda_register (tenant_id, kind, id, document)
WITH names AS (
  SELECT t.id AS tenant_id, n.name
    FROM tenant t, jsonb_array_elements_text(t.settings -> 'departments') AS n(name)
   WHERE jsonb_typeof(t.settings -> 'departments') = 'array'
  UNION
  SELECT t.id, n.name
    FROM tenant t, jsonb_array_elements_text(t.settings -> 'model_owners') AS n(name)
   WHERE jsonb_typeof(t.settings -> 'model_owners') = 'array'
  UNION
  SELECT m.tenant_id, n.name FROM membership m, jsonb_array_elements_text(m.departments) AS n(name)
  UNION
  SELECT i.tenant_id, n.name FROM invitation i, jsonb_array_elements_text(i.departments) AS n(name)
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
         'note', '설정의 부서 목록에서 옮김: 영문 이름을 입력하세요. (Moved from the settings'' department list: enter the English name.)'
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
WITH named AS (
  SELECT m.tenant_id, m.user_id, r.id AS dep, min(e.n) AS n
    FROM membership m
    CROSS JOIN jsonb_array_elements_text(m.departments) WITH ORDINALITY AS e(name, n)
    JOIN agenda_register r
      ON r.tenant_id = m.tenant_id AND r.kind = 'department'
     AND (r.id = e.name OR r.document -> 'name' ->> 'ko' = e.name)
   GROUP BY m.tenant_id, m.user_id, r.id
),
ids AS (
  SELECT tenant_id, user_id, jsonb_agg(dep ORDER BY n, dep COLLATE "C") AS departments FROM named GROUP BY tenant_id, user_id
)
UPDATE membership SET departments = ids.departments
  FROM ids
 WHERE membership.tenant_id = ids.tenant_id AND membership.user_id = ids.user_id;
--> statement-breakpoint
WITH named AS (
  SELECT m.tenant_id, m.id, r.id AS dep, min(e.n) AS n
    FROM invitation m
    CROSS JOIN jsonb_array_elements_text(m.departments) WITH ORDINALITY AS e(name, n)
    JOIN agenda_register r
      ON r.tenant_id = m.tenant_id AND r.kind = 'department'
     AND (r.id = e.name OR r.document -> 'name' ->> 'ko' = e.name)
   GROUP BY m.tenant_id, m.id, r.id
),
ids AS (
  SELECT tenant_id, id, jsonb_agg(dep ORDER BY n, dep COLLATE "C") AS departments FROM named GROUP BY tenant_id, id
)
UPDATE invitation SET departments = ids.departments
  FROM ids
 WHERE invitation.tenant_id = ids.tenant_id AND invitation.id = ids.id;
--> statement-breakpoint
WITH named AS (
  SELECT t.id AS tenant_id, r.id AS dep, min(e.n) AS n
    FROM tenant t
    CROSS JOIN jsonb_array_elements_text(t.settings -> 'model_owners') WITH ORDINALITY AS e(name, n)
    JOIN agenda_register r
      ON r.tenant_id = t.id AND r.kind = 'department'
     AND (r.id = e.name OR r.document -> 'name' ->> 'ko' = e.name)
   WHERE jsonb_typeof(t.settings -> 'model_owners') = 'array'
   GROUP BY t.id, r.id
),
owners AS (
  SELECT tenant_id, jsonb_agg(dep ORDER BY n, dep COLLATE "C") AS ids FROM named GROUP BY tenant_id
),
settings AS (
  SELECT t.id, (t.settings - 'departments' - 'model_owners')
               || CASE WHEN o.ids IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('model_owners', o.ids) END
               AS settings
    FROM tenant t
    LEFT JOIN owners o ON o.tenant_id = t.id
   WHERE t.settings ? 'departments' OR t.settings ? 'model_owners'
)
UPDATE tenant SET settings = settings.settings, version = tenant.version + 1
  FROM settings
 WHERE tenant.id = settings.id;
