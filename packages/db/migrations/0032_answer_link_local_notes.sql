-- The note on an official answer's link to the agenda change it made ({ kind, id, note } in
-- contribution_answer.links) is in Korean with English where entered (core's local name, { ko, en? }), where
-- it was one string. The string becomes `ko`; `en` is left absent, the visible missing value an English page
-- marks [ko], never a copy of the Korean. A tenant export written before this migration is read the same way
-- (core's `asLocal`). An answer changed here moves to a new version. (Only immutable functions: Citus
-- refuses a stable one in an UPDATE of a distributed table.)
UPDATE contribution_answer
   SET links = (SELECT jsonb_agg(CASE WHEN jsonb_typeof(l -> 'note') = 'string'
                                      THEN jsonb_set(l, '{note}', jsonb_set('{}', '{ko}', l -> 'note'))
                                      ELSE l END
                                 ORDER BY n)
                  FROM jsonb_array_elements(links) WITH ORDINALITY AS e(l, n)),
       version = version + 1
 WHERE jsonb_path_exists(links, '$[*] ? (@.note.type() == "string")');
