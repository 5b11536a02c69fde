CREATE TABLE "agenda_action" (
	"tenant_id" text NOT NULL,
	"id" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"status" text NOT NULL,
	"departments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"document" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agenda_action_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "agenda_action_status" CHECK ("agenda_action"."status" in ('not_started', 'in_progress', 'delayed', 'completed', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "agenda_indicator" (
	"tenant_id" text NOT NULL,
	"id" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"document" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agenda_indicator_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "agenda_observation" (
	"tenant_id" text NOT NULL,
	"indicator_id" text NOT NULL,
	"year" integer NOT NULL,
	"district" text DEFAULT '' NOT NULL,
	"value" double precision NOT NULL,
	"document" jsonb NOT NULL,
	CONSTRAINT "agenda_observation_tenant_id_indicator_id_year_district_pk" PRIMARY KEY("tenant_id","indicator_id","year","district")
);
--> statement-breakpoint
CREATE TABLE "agenda_plan" (
	"tenant_id" text NOT NULL,
	"id" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"stage" text NOT NULL,
	"document" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agenda_plan_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "agenda_plan_stage" CHECK ("agenda_plan"."stage" in ('draft', 'committee_deliberation', 'reported_to_council', 'published'))
);
--> statement-breakpoint
CREATE TABLE "agenda_progress" (
	"tenant_id" text NOT NULL,
	"action_id" text NOT NULL,
	"id" text NOT NULL,
	"date" text NOT NULL,
	"document" jsonb NOT NULL,
	CONSTRAINT "agenda_progress_tenant_id_action_id_id_pk" PRIMARY KEY("tenant_id","action_id","id")
);
--> statement-breakpoint
CREATE TABLE "agenda_register" (
	"tenant_id" text NOT NULL,
	"kind" text NOT NULL,
	"id" text NOT NULL,
	"document" jsonb NOT NULL,
	CONSTRAINT "agenda_register_tenant_id_kind_id_pk" PRIMARY KEY("tenant_id","kind","id"),
	CONSTRAINT "agenda_register_kind" CHECK ("agenda_register"."kind" in ('source', 'department', 'category'))
);
--> statement-breakpoint
ALTER TABLE "agenda_action" ADD CONSTRAINT "agenda_action_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_indicator" ADD CONSTRAINT "agenda_indicator_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_observation" ADD CONSTRAINT "agenda_observation_tenant_id_indicator_id_agenda_indicator_tenant_id_id_fk" FOREIGN KEY ("tenant_id","indicator_id") REFERENCES "public"."agenda_indicator"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_plan" ADD CONSTRAINT "agenda_plan_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_progress" ADD CONSTRAINT "agenda_progress_tenant_id_action_id_agenda_action_tenant_id_id_fk" FOREIGN KEY ("tenant_id","action_id") REFERENCES "public"."agenda_action"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_register" ADD CONSTRAINT "agenda_register_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;