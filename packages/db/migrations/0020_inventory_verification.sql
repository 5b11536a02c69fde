CREATE TABLE "inventory_verification" (
	"tenant_id" text NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"verified_by" text,
	"verified_on" date,
	"basis" text NOT NULL,
	"illustrative" boolean DEFAULT false NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inventory_verification_tenant_id_version_pk" PRIMARY KEY("tenant_id","version"),
	CONSTRAINT "inventory_verification_status" CHECK ("inventory_verification"."status" in ('provisional', 'verified')),
	CONSTRAINT "inventory_verification_who_when" CHECK (("inventory_verification"."status" = 'verified') = ("inventory_verification"."verified_by" is not null and "inventory_verification"."verified_on" is not null) and ("inventory_verification"."status" = 'verified' or ("inventory_verification"."verified_by" is null and "inventory_verification"."verified_on" is null)))
);
--> statement-breakpoint
ALTER TABLE "inventory_verification" ADD CONSTRAINT "inventory_verification_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;