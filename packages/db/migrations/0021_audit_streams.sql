ALTER TABLE "audit_log" ADD COLUMN "stream" smallint DEFAULT 0 NOT NULL;
--> statement-breakpoint
ALTER TABLE "audit_log" DROP CONSTRAINT "audit_log_tenant_id_seq_pk";
--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_tenant_id_stream_seq_pk" PRIMARY KEY("tenant_id","stream","seq");
