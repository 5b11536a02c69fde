ALTER TABLE "invitation" DROP CONSTRAINT "invitation_role";
--> statement-breakpoint
ALTER TABLE "mail_outbox" DROP CONSTRAINT "mail_outbox_kind";
--> statement-breakpoint
ALTER TABLE "membership" DROP CONSTRAINT "membership_role";
--> statement-breakpoint
ALTER TABLE "invitation" ADD CONSTRAINT "invitation_role" CHECK ("invitation"."role" in ('admin', 'editor', 'council', 'expert', 'citizen', 'auditor', 'moderator'));
--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD CONSTRAINT "mail_outbox_kind" CHECK ("mail_outbox"."kind" in ('password-reset', 'account-confirm', 'account-exists', 'invitation', 'participation-answer', 'participation-action-status', 'participation-moderation', 'inactivity-warning'));
--> statement-breakpoint
ALTER TABLE "membership" ADD CONSTRAINT "membership_role" CHECK ("membership"."role" in ('admin', 'editor', 'council', 'expert', 'citizen', 'auditor', 'moderator'));