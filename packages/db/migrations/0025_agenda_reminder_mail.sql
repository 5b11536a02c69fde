ALTER TABLE "mail_outbox" DROP CONSTRAINT "mail_outbox_kind";
--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD CONSTRAINT "mail_outbox_kind" CHECK ("mail_outbox"."kind" in ('password-reset', 'account-confirm', 'account-exists', 'invitation', 'participation-answer', 'participation-action-status', 'participation-moderation', 'inactivity-warning', 'agenda-reminder'));
