-- The head of an audit chain, read under the chain's lock in one round trip (decision 0044): the lock, then
-- the chain's last record, read by a second query of this function, which (volatile, read committed) sees
-- what the lock's previous holder committed; one statement could not, since its snapshot is taken before it
-- waits for the lock. The lock's key is the one audit.ts took before (hashtext of
-- 'citypath-audit:<tenant>:<stream>'), so processes of the previous version append safely beside this one.
-- When `p_payload` is given it is sent on `p_channel` with pg_notify: inside the write's transaction, so
-- other processes hear of the write when it commits, and not at all if it rolls back.
CREATE FUNCTION citypath_audit_head(p_tenant text, p_stream smallint, p_channel text, p_payload text)
RETURNS TABLE (seq bigint, hash text) LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('citypath-audit:' || p_tenant || ':' || p_stream));
  IF p_payload IS NOT NULL THEN
    PERFORM pg_notify(p_channel, p_payload);
  END IF;
  RETURN QUERY
    SELECT a.seq, a.hash FROM audit_log a
     WHERE a.tenant_id = p_tenant AND a.stream = p_stream
     ORDER BY a.seq DESC LIMIT 1;
END
$$;
