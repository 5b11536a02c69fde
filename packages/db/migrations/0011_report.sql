CREATE TABLE "implementation_report" (
	"tenant_id" text NOT NULL,
	"plan_id" text NOT NULL,
	"year" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"stage" text NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"entries" jsonb NOT NULL,
	"snapshot" jsonb,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "implementation_report_tenant_id_plan_id_year_pk" PRIMARY KEY("tenant_id","plan_id","year"),
	CONSTRAINT "implementation_report_stage" CHECK ("implementation_report"."stage" in ('draft', 'review', 'deliberated', 'submitted', 'reported'))
);
--> statement-breakpoint
ALTER TABLE "implementation_report" ADD CONSTRAINT "implementation_report_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;