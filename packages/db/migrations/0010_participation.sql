CREATE TABLE "census_entry" (
	"tenant_id" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "census_entry_tenant_id_hash_pk" PRIMARY KEY("tenant_id","hash")
);
--> statement-breakpoint
CREATE TABLE "census_key" (
	"tenant_id" text NOT NULL,
	"secret" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "census_key_tenant_id_pk" PRIMARY KEY("tenant_id")
);
--> statement-breakpoint
CREATE TABLE "consent" (
	"user_id" text NOT NULL,
	"kind" text NOT NULL,
	"text_version" text NOT NULL,
	"given_at" timestamp with time zone NOT NULL,
	"withdrawn_at" timestamp with time zone,
	CONSTRAINT "consent_user_id_kind_pk" PRIMARY KEY("user_id","kind"),
	CONSTRAINT "consent_kind" CHECK ("consent"."kind" in ('required_processing', 'age_14_or_older', 'optional_district', 'optional_mail_notices'))
);
--> statement-breakpoint
CREATE TABLE "consultation" (
	"tenant_id" text NOT NULL,
	"id" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"status" text NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_id" text NOT NULL,
	"audience" text NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"department" text NOT NULL,
	"answer_due_days" integer DEFAULT 30 NOT NULL,
	"illustrative" boolean DEFAULT false NOT NULL,
	"document" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consultation_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "consultation_status" CHECK ("consultation"."status" in ('draft', 'open', 'closed', 'answered')),
	CONSTRAINT "consultation_subject_kind" CHECK ("consultation"."subject_kind" in ('plan', 'sector', 'action', 'indicator', 'scenario')),
	CONSTRAINT "consultation_audience" CHECK ("consultation"."audience" in ('all', 'citizens', 'council', 'experts')),
	CONSTRAINT "consultation_dates" CHECK ("consultation"."opens_at" < "consultation"."closes_at")
);
--> statement-breakpoint
CREATE TABLE "contribution" (
	"tenant_id" text NOT NULL,
	"id" text NOT NULL,
	"consultation_id" text NOT NULL,
	"kind" text NOT NULL,
	"parent_id" text,
	"root_id" text NOT NULL,
	"depth" integer DEFAULT 0 NOT NULL,
	"author_id" text,
	"author_key" text NOT NULL,
	"author_name" text NOT NULL,
	"badge" text,
	"title" text,
	"text" text NOT NULL,
	"instance_id" text,
	"instance_version" integer,
	"scenario" jsonb,
	"moderation" text DEFAULT 'visible' NOT NULL,
	"support_count" integer DEFAULT 0 NOT NULL,
	"report_count" integer DEFAULT 0 NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"illustrative" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"edited_at" timestamp with time zone,
	CONSTRAINT "contribution_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "contribution_kind" CHECK ("contribution"."kind" in ('comment', 'proposal')),
	CONSTRAINT "contribution_moderation" CHECK ("contribution"."moderation" in ('visible', 'hidden_pending_review', 'hidden', 'deleted')),
	CONSTRAINT "contribution_depth" CHECK ("contribution"."depth" between 0 and 2),
	CONSTRAINT "contribution_badge" CHECK ("contribution"."badge" is null or "contribution"."badge" in ('council', 'expert')),
	CONSTRAINT "contribution_counts" CHECK ("contribution"."support_count" >= 0 and "contribution"."report_count" >= 0),
	CONSTRAINT "contribution_proposal" CHECK (("contribution"."kind" = 'proposal') = ("contribution"."title" is not null) and ("contribution"."kind" = 'comment' or "contribution"."parent_id" is null))
);
--> statement-breakpoint
CREATE TABLE "contribution_answer" (
	"tenant_id" text NOT NULL,
	"contribution_id" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"state" text NOT NULL,
	"text" jsonb NOT NULL,
	"links" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"department" text NOT NULL,
	"answered_by" text,
	"answered_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contribution_answer_tenant_id_contribution_id_pk" PRIMARY KEY("tenant_id","contribution_id"),
	CONSTRAINT "contribution_answer_state" CHECK ("contribution_answer"."state" in ('not_answered', 'evaluating', 'accepted', 'partly_accepted', 'rejected', 'withdrawn'))
);
--> statement-breakpoint
CREATE TABLE "contribution_edit" (
	"tenant_id" text NOT NULL,
	"contribution_id" text NOT NULL,
	"version" integer NOT NULL,
	"title" text,
	"text" text NOT NULL,
	"replaced_at" timestamp with time zone NOT NULL,
	CONSTRAINT "contribution_edit_tenant_id_contribution_id_version_pk" PRIMARY KEY("tenant_id","contribution_id","version")
);
--> statement-breakpoint
CREATE TABLE "contribution_report" (
	"tenant_id" text NOT NULL,
	"contribution_id" text NOT NULL,
	"reporter" text NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contribution_report_tenant_id_contribution_id_reporter_pk" PRIMARY KEY("tenant_id","contribution_id","reporter"),
	CONSTRAINT "contribution_report_reason" CHECK ("contribution_report"."reason" in ('spam', 'offensive', 'off_topic', 'personal_data'))
);
--> statement-breakpoint
CREATE TABLE "contribution_support" (
	"tenant_id" text NOT NULL,
	"contribution_id" text NOT NULL,
	"supporter" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contribution_support_tenant_id_contribution_id_supporter_pk" PRIMARY KEY("tenant_id","contribution_id","supporter")
);
--> statement-breakpoint
CREATE TABLE "inactivity_notice" (
	"user_id" text NOT NULL,
	"days_before" integer NOT NULL,
	"last_active_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "inactivity_notice_user_id_days_before_pk" PRIMARY KEY("user_id","days_before")
);
--> statement-breakpoint
CREATE TABLE "participation_block" (
	"tenant_id" text NOT NULL,
	"user_id" text NOT NULL,
	"reason" text NOT NULL,
	"blocked_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "participation_block_tenant_id_user_id_pk" PRIMARY KEY("tenant_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "resident_verification" (
	"tenant_id" text NOT NULL,
	"user_id" text NOT NULL,
	"census_hash" text NOT NULL,
	"verified_at" timestamp with time zone NOT NULL,
	CONSTRAINT "resident_verification_tenant_id_user_id_pk" PRIMARY KEY("tenant_id","user_id"),
	CONSTRAINT "resident_verification_census" UNIQUE("tenant_id","census_hash")
);
--> statement-breakpoint
ALTER TABLE "user" ADD COLUMN "last_active_at" timestamp with time zone DEFAULT now() NOT NULL;
--> statement-breakpoint
ALTER TABLE "census_entry" ADD CONSTRAINT "census_entry_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "census_key" ADD CONSTRAINT "census_key_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "consent" ADD CONSTRAINT "consent_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "consultation" ADD CONSTRAINT "consultation_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "contribution" ADD CONSTRAINT "contribution_tenant_id_consultation_id_consultation_tenant_id_id_fk" FOREIGN KEY ("tenant_id","consultation_id") REFERENCES "public"."consultation"("tenant_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "contribution_answer" ADD CONSTRAINT "contribution_answer_tenant_id_contribution_id_contribution_tenant_id_id_fk" FOREIGN KEY ("tenant_id","contribution_id") REFERENCES "public"."contribution"("tenant_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "contribution_edit" ADD CONSTRAINT "contribution_edit_tenant_id_contribution_id_contribution_tenant_id_id_fk" FOREIGN KEY ("tenant_id","contribution_id") REFERENCES "public"."contribution"("tenant_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "contribution_report" ADD CONSTRAINT "contribution_report_tenant_id_contribution_id_contribution_tenant_id_id_fk" FOREIGN KEY ("tenant_id","contribution_id") REFERENCES "public"."contribution"("tenant_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "contribution_support" ADD CONSTRAINT "contribution_support_tenant_id_contribution_id_contribution_tenant_id_id_fk" FOREIGN KEY ("tenant_id","contribution_id") REFERENCES "public"."contribution"("tenant_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "inactivity_notice" ADD CONSTRAINT "inactivity_notice_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "participation_block" ADD CONSTRAINT "participation_block_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "resident_verification" ADD CONSTRAINT "resident_verification_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "consultation_subject_idx" ON "consultation" USING btree ("tenant_id","subject_kind","subject_id");
--> statement-breakpoint
CREATE INDEX "contribution_list_idx" ON "contribution" USING btree ("tenant_id","consultation_id","kind","depth","created_at");
--> statement-breakpoint
CREATE INDEX "contribution_root_idx" ON "contribution" USING btree ("tenant_id","root_id");
--> statement-breakpoint
CREATE INDEX "contribution_author_idx" ON "contribution" USING btree ("author_id");
--> statement-breakpoint
CREATE INDEX "contribution_support_supporter_idx" ON "contribution_support" USING btree ("tenant_id","supporter");