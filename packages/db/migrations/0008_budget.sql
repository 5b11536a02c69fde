CREATE TABLE "budget_line" (
	"tenant_id" text NOT NULL,
	"year" integer NOT NULL,
	"code" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"class" text NOT NULL,
	"department_id" text,
	"action_id" text,
	"amount_krw" bigint NOT NULL,
	"document" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "budget_line_tenant_id_year_code_pk" PRIMARY KEY("tenant_id","year","code"),
	CONSTRAINT "budget_line_class" CHECK ("budget_line"."class" in ('reduction', 'emission', 'mixed', 'neutral'))
);
--> statement-breakpoint
CREATE TABLE "budget_settlement" (
	"tenant_id" text NOT NULL,
	"year" integer NOT NULL,
	"code" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"closed" boolean NOT NULL,
	"document" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "budget_settlement_tenant_id_year_code_pk" PRIMARY KEY("tenant_id","year","code")
);
--> statement-breakpoint
CREATE TABLE "budget_year" (
	"tenant_id" text NOT NULL,
	"year" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"document" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "budget_year_tenant_id_year_pk" PRIMARY KEY("tenant_id","year")
);
--> statement-breakpoint
ALTER TABLE "budget_line" ADD CONSTRAINT "budget_line_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_settlement" ADD CONSTRAINT "budget_settlement_tenant_id_year_code_budget_line_tenant_id_year_code_fk" FOREIGN KEY ("tenant_id","year","code") REFERENCES "public"."budget_line"("tenant_id","year","code") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "budget_year" ADD CONSTRAINT "budget_year_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "budget_line_action" ON "budget_line" USING btree ("tenant_id","action_id");