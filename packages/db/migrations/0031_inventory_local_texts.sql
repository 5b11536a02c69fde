-- An inventory version's label and its verification's basis name themselves in Korean with English where
-- entered (core's local name and text, { ko, en? }), where each was one string. The string becomes `ko`; `en`
-- is left absent, the visible missing value an English page marks [ko], never a copy of the Korean. A tenant
-- export written before this migration is read the same way (core's `asLocal`). Changing a column's type
-- rewrites the table without running its row triggers, so a published (frozen) version keeps its figures.
ALTER TABLE "inventory" ALTER COLUMN "label" SET DATA TYPE jsonb USING jsonb_build_object('ko', "label");
--> statement-breakpoint
ALTER TABLE "inventory_verification" ALTER COLUMN "basis" SET DATA TYPE jsonb USING jsonb_build_object('ko', "basis");
