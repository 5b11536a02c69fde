CREATE TABLE "agenda_outbox" (
	"tenant_id" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"department" text NOT NULL,
	"created_for" text NOT NULL,
	"message" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "agenda_outbox_tenant_id_dedupe_key_pk" PRIMARY KEY("tenant_id","dedupe_key")
);
--> statement-breakpoint
ALTER TABLE "agenda_outbox" ADD CONSTRAINT "agenda_outbox_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;