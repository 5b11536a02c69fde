ALTER TABLE "activity_row" ALTER COLUMN "amount" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "activity_row" ADD COLUMN "notation" text;--> statement-breakpoint
ALTER TABLE "activity_row" ADD CONSTRAINT "activity_row_notation" CHECK ("activity_row"."notation" is null or "activity_row"."notation" in ('NO', 'IE', 'NE', 'C'));--> statement-breakpoint
ALTER TABLE "activity_row" ADD CONSTRAINT "activity_row_amount_or_notation" CHECK (("activity_row"."amount" is null) = ("activity_row"."notation" is not null));