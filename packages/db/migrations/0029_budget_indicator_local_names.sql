-- A budget line's performance indicator (document->reduction->indicator) names itself and its unit in Korean
-- with English where entered (core's local name, { ko, en? }), where it was one string. The string becomes
-- `ko`; `en` is left absent, the visible missing value an English statement marks [ko], never a copy of the
-- Korean. core/src/budget/migrated.ts (`withLocalIndicatorNames`, for older tenant exports) states the same
-- rule, and the migration's test holds the two to it. A line changed here moves to a new version. (Only
-- immutable functions: Citus refuses a stable one, such as jsonb_build_object, in an UPDATE of a row's column.)
UPDATE budget_line
   SET document = jsonb_set(document, '{reduction,indicator,name}',
                            jsonb_set('{}', '{ko}', document #> '{reduction,indicator,name}')),
       version = version + 1
 WHERE jsonb_typeof(document #> '{reduction,indicator,name}') = 'string';
--> statement-breakpoint
UPDATE budget_line
   SET document = jsonb_set(document, '{reduction,indicator,unit}',
                            jsonb_set('{}', '{ko}', document #> '{reduction,indicator,unit}'))
 WHERE jsonb_typeof(document #> '{reduction,indicator,unit}') = 'string';
