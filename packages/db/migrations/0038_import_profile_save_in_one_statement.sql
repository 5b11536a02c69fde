-- An import profile saved in one statement, with its audit record (decision 0087): the profile created
-- (p_base 0, ON CONFLICT DO NOTHING) or replaced on the version it was read at (p_base = that version; the
-- row's version moves to p_base + 1), and, when the row was written and the caller asks for it (p_stream not
-- null), the audit record through citypath_audit_append (migration 0030), in one call and so in one
-- transaction without BEGIN and COMMIT. The record's before and after, and the canonical JSON hashed, come
-- from the caller: the before is the row the caller read at version p_base, and a row at one version never
-- changes (every write moves the version), so the UPDATE's version check makes it the row replaced. Returns
-- the new version and time; when nothing was written, the current version (null: no such profile); and the
-- audit record's sequence number, time, previous hash and hash when one was written.
CREATE FUNCTION citypath_import_profile_save(
  p_tenant text, p_id text, p_base integer, p_name text, p_kind text, p_mapping jsonb, p_constants jsonb,
  p_value_map jsonb, p_scale jsonb, p_encoding text, p_sheet text,
  p_stream smallint, p_actor text, p_action text, p_before jsonb, p_after jsonb, p_head text, p_mid text,
  p_tail text)
RETURNS TABLE (r_version integer, r_updated_at timestamptz, r_current integer, r_seq bigint, r_at timestamptz,
               r_prev_hash text, r_hash text) LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_version integer;
  v_updated timestamptz;
  v_current integer;
  -- taken here, not in the UPDATE: Citus refuses a volatile function in an UPDATE of a distributed table
  v_now timestamptz := date_trunc('milliseconds', clock_timestamp());
BEGIN
  IF p_base = 0 THEN
    INSERT INTO import_profile (tenant_id, id, name, kind, mapping, constants, value_map, scale, encoding, sheet)
    VALUES (p_tenant, p_id, p_name, p_kind, p_mapping, p_constants, p_value_map, p_scale, p_encoding, p_sheet)
    ON CONFLICT DO NOTHING
    RETURNING version, updated_at INTO v_version, v_updated;
  ELSE
    UPDATE import_profile
       SET name = p_name, kind = p_kind, mapping = p_mapping, constants = p_constants, value_map = p_value_map,
           scale = p_scale, encoding = p_encoding, sheet = p_sheet, version = p_base + 1,
           updated_at = v_now
     WHERE tenant_id = p_tenant AND id = p_id AND version = p_base
    RETURNING version, updated_at INTO v_version, v_updated;
  END IF;
  IF v_version IS NULL THEN
    SELECT p.version INTO v_current FROM import_profile p WHERE p.tenant_id = p_tenant AND p.id = p_id;
    RETURN QUERY SELECT NULL::integer, NULL::timestamptz, v_current, NULL::bigint, NULL::timestamptz,
                        NULL::text, NULL::text;
    RETURN;
  END IF;
  IF p_stream IS NULL THEN
    RETURN QUERY SELECT v_version, v_updated, v_version, NULL::bigint, NULL::timestamptz, NULL::text, NULL::text;
    RETURN;
  END IF;
  RETURN QUERY SELECT v_version, v_updated, v_version, a.r_seq, a.r_at, a.r_prev_hash, a.r_hash
    FROM citypath_audit_append(p_tenant, p_stream, NULL, NULL, NULL, p_actor, p_action, 'import_profile', p_id,
                               v_version, p_before, p_after, p_head, p_mid, p_tail) a;
END
$$;
