CREATE TABLE "participation_follow" (
	"tenant_id" text NOT NULL,
	"user_id" text NOT NULL,
	"target_kind" text NOT NULL,
	"target_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "participation_follow_tenant_id_user_id_target_kind_target_id_pk" PRIMARY KEY("tenant_id","user_id","target_kind","target_id"),
	CONSTRAINT "participation_follow_kind" CHECK ("participation_follow"."target_kind" in ('consultation', 'contribution'))
);
--> statement-breakpoint
ALTER TABLE "user" ADD COLUMN "district" text;--> statement-breakpoint
ALTER TABLE "participation_follow" ADD CONSTRAINT "participation_follow_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "participation_follow_target_idx" ON "participation_follow" USING btree ("tenant_id","target_kind","target_id");