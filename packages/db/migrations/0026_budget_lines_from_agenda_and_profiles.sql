-- An action's own budget rows (agenda_action.document->'budget') become budget lines linked to the action
-- (decision 0058; core/src/budget/migrated.ts states the same rule and the migration's test holds the two to
-- one answer). Each row is one line of its year, code 900-999-AGENDA-A{n}-R{k} (n: the action's place among
-- the tenant's actions with rows, by id; k: the row's place in the action's list), class 중립 awaiting
-- validation, the row kept in `migrated`. Where lines already fund the action in that year, the new line is
-- not linked to it. A row's spent amount becomes a settlement that is not closed.
INSERT INTO budget_line (tenant_id, year, code, class, department_id, action_id, amount_krw, document)
SELECT tenant_id, year, code, 'neutral', action->'departments'->>0, CASE WHEN linked THEN action_id END, amount,
       jsonb_strip_nulls(jsonb_build_object(
         'year', year,
         'code', code,
         'name', jsonb_strip_nulls(jsonb_build_object('ko', action->'name'->'ko', 'en', action->'name'->'en')),
         'bureau', coalesce(bureau->'name'->>'ko', '미상 (이행과제에서 옮김)'),
         'department', coalesce(dept->'name'->>'ko', action->'departments'->>0, '미상 (이행과제에서 옮김)'),
         'department_id', action->'departments'->>0,
         'account', 'general',
         'cost_kind', 'project',
         'amount', jsonb_build_object('original_krw', amount),
         'class', 'neutral',
         'class_reason', '분류 전: 이행과제의 예산 행에서 옮겨 온 금액입니다. 예산과목 코드, 실국, 회계와 분류를 확인하세요. (Moved from the plan action''s own budget row: check the budget code, bureau, account and class.)',
         'action', CASE WHEN linked THEN action_id END,
         'migrated', jsonb_build_object('from', 'agenda', 'action', action_id, 'row', row),
         'note', CASE WHEN linked
           THEN '이행과제 ' || action_id || '의 ' || year || '년 예산 행에서 옮김 (moved from the action''s ' || year || ' budget row)'
           ELSE '이행과제 ' || action_id || '의 ' || year || '년 예산 행에서 옮김: 그 해에는 이미 이 과제에 연결된 예산 사업이 있어 연결하지 않음 (not linked: budget lines already fund the action in ' || year || ')'
         END
       )) || CASE WHEN row ? 'source' THEN jsonb_build_object('source', row->'source')
                  ELSE jsonb_build_object('illustrative', true) END
  FROM (
    SELECT b.*,
           '900-999-AGENDA-A' || lpad(b.n::text, 4, '0') || '-R' || b.k::text AS code,
           NOT EXISTS (
             SELECT 1 FROM budget_line l
              WHERE l.tenant_id = b.tenant_id AND l.action_id = b.action_id AND l.year = b.year
           ) AS linked,
           d.document AS dept, p.document AS bureau
      FROM (
        SELECT a.tenant_id, a.id AS action_id, a.document AS action, r.row, r.k,
               dense_rank() OVER (PARTITION BY a.tenant_id ORDER BY a.id COLLATE "C") AS n,
               (r.row->>'year')::integer AS year,
               round(coalesce((r.row->>'planned_krw')::numeric, (r.row->>'spent_krw')::numeric))::bigint AS amount
          FROM agenda_action a
         CROSS JOIN LATERAL jsonb_array_elements(a.document->'budget') WITH ORDINALITY AS r(row, k)
         WHERE jsonb_typeof(a.document->'budget') = 'array'
      ) b
      LEFT JOIN agenda_register d
        ON d.tenant_id = b.tenant_id AND d.kind = 'department' AND d.id = b.action->'departments'->>0
      LEFT JOIN agenda_register p
        ON p.tenant_id = b.tenant_id AND p.kind = 'department' AND p.id = d.document->>'parent'
  ) m;
--> statement-breakpoint
INSERT INTO budget_settlement (tenant_id, year, code, closed, document)
SELECT tenant_id, year, code, false,
       jsonb_build_object(
         'year', year,
         'code', code,
         'available_krw', greatest(amount_krw, spent),
         'executed_krw', spent,
         'closed', false,
         'as_of', year || '-12-31',
         'note', '이행과제의 예산 행(집행액)에서 옮김; 결산 확인 전 (moved from the action''s budget row; not a closed settlement)'
       ) || CASE WHEN document ? 'source' THEN jsonb_build_object('source', document->'source')
                 ELSE jsonb_build_object('illustrative', true) END
  FROM (
    SELECT tenant_id, year, code, amount_krw, document,
           round((document->'migrated'->'row'->>'spent_krw')::numeric)::bigint AS spent
      FROM budget_line
     WHERE document->'migrated'->'row' ? 'spent_krw'
  ) s;
--> statement-breakpoint
UPDATE agenda_action SET document = document - 'budget', version = version + 1 WHERE document ? 'budget';
--> statement-breakpoint
ALTER TABLE "import_profile" DROP CONSTRAINT "import_profile_kind";
--> statement-breakpoint
ALTER TABLE "import_profile" ADD CONSTRAINT "import_profile_kind" CHECK ("import_profile"."kind" in ('activity', 'factors', 'budget_lines', 'budget_settlements'));
--> statement-breakpoint
ALTER TABLE "import_profile" ADD COLUMN "value_map" jsonb DEFAULT '{}'::jsonb NOT NULL;
--> statement-breakpoint
ALTER TABLE "import_profile" ADD COLUMN "scale" jsonb DEFAULT '{}'::jsonb NOT NULL;
