ALTER TABLE "model_instance" ADD COLUMN "note" text;
