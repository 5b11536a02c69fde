-- A published inventory is frozen: refuse any update or delete of it (a new version is made instead).
-- Deleting the tenant removes its inventories through the cascade; the trigger lets that through.
CREATE FUNCTION citypath_inventory_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'published' THEN
    IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM tenant WHERE id = OLD.tenant_id) THEN
      RETURN OLD;
    END IF;
    RAISE EXCEPTION 'inventory % of tenant % is published and frozen', OLD.version, OLD.tenant_id
      USING ERRCODE = 'P0001', HINT = 'citypath:FROZEN';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER inventory_frozen BEFORE UPDATE OR DELETE ON inventory
  FOR EACH ROW EXECUTE FUNCTION citypath_inventory_frozen();
