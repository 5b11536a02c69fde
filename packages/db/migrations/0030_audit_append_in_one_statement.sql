-- An audit record appended in one round trip (decision 0065): the chain's lock, the notice to other
-- processes (as citypath_audit_head, migration 0027, sends it), the chain's last record, the record's time
-- (taken under the lock, so that time never runs backwards within a chain), its hash and the INSERT, all in
-- this function. The caller sends the record's canonical JSON (audit.ts) in three pieces around the two
-- values only the lock's holder knows: p_head ends just before the time's JSON string, p_mid runs from after
-- it to just before the sequence number, p_tail is the rest. The hash is SHA-256 of
--   prev_hash "\n" p_head "<at, ISO 8601 UTC, milliseconds>" p_mid <seq> p_tail
-- which is the canonical JSON audit.ts hashes, so verifyAuditChains checks these records as any other. The
-- lock's key is the one citypath_audit_head takes: processes of the previous version append safely beside
-- this one. Locks, then reads in a second query, as migration 0027 says why.
CREATE FUNCTION citypath_audit_append(
  p_tenant text, p_stream smallint, p_channel text, p_payload text, p_at timestamptz,
  p_actor text, p_action text, p_entity text, p_entity_id text, p_version integer,
  p_before jsonb, p_after jsonb, p_head text, p_mid text, p_tail text)
RETURNS TABLE (r_seq bigint, r_at timestamptz, r_prev_hash text, r_hash text) LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_seq bigint;
  v_prev text;
  v_at timestamptz;
  v_hash text;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('citypath-audit:' || p_tenant || ':' || p_stream));
  IF p_payload IS NOT NULL THEN
    PERFORM pg_notify(p_channel, p_payload);
  END IF;
  SELECT a.seq, a.hash INTO v_seq, v_prev FROM audit_log a
   WHERE a.tenant_id = p_tenant AND a.stream = p_stream
   ORDER BY a.seq DESC LIMIT 1;
  v_seq := coalesce(v_seq, 0) + 1;
  v_prev := coalesce(v_prev, repeat('0', 64));
  v_at := coalesce(p_at, date_trunc('milliseconds', clock_timestamp()));
  v_hash := encode(sha256(convert_to(
    v_prev || E'\n' || p_head || '"' || to_char(v_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"'
      || p_mid || v_seq::text || p_tail, 'UTF8')), 'hex');
  INSERT INTO audit_log (tenant_id, stream, seq, at, actor_id, action, entity, entity_id, version, before, after,
                         prev_hash, hash)
  VALUES (p_tenant, p_stream, v_seq, v_at, p_actor, p_action, p_entity, p_entity_id, p_version, p_before, p_after,
          v_prev, v_hash);
  RETURN QUERY SELECT v_seq, v_at, v_prev, v_hash;
END
$$;
