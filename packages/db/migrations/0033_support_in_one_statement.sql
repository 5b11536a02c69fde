-- A support given or withdrawn in one statement, with its audit record (decision 0072): the support's row (by
-- its primary key, so that many requests at once change it once), the contribution's count, and, when the
-- row changed and the caller asks for it, the audit record through citypath_audit_append (migration 0030), in
-- one call and so in one transaction without BEGIN and COMMIT. The record's `after` is {"supports": n}, whose
-- n only this function knows: the caller sends the canonical JSON's head in two pieces around it
-- (p_head_before, p_head_after; see audit.ts), and the hash is the one audit.ts defines. Without a stream
-- (p_stream null) no record is written (the demo's illustrative supports) and the notice, if any, is sent here.
-- Returns whether the row changed and the count after the call; the audit record's sequence number, time,
-- previous hash and hash when one was written.
CREATE FUNCTION citypath_support_change(
  p_tenant text, p_contribution text, p_supporter text, p_on boolean, p_channel text, p_payload text,
  p_stream smallint, p_actor text, p_action text, p_head_before text, p_head_after text, p_mid text,
  p_tail text)
RETURNS TABLE (r_changed boolean, r_count integer, r_seq bigint, r_at timestamptz, r_prev_hash text,
               r_hash text) LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_row text;
  v_n integer;
BEGIN
  IF p_on THEN
    INSERT INTO contribution_support (tenant_id, contribution_id, supporter)
    VALUES (p_tenant, p_contribution, p_supporter)
    ON CONFLICT DO NOTHING
    RETURNING supporter INTO v_row;
  ELSE
    DELETE FROM contribution_support
     WHERE tenant_id = p_tenant AND contribution_id = p_contribution AND supporter = p_supporter
    RETURNING supporter INTO v_row;
  END IF;
  IF v_row IS NULL THEN
    SELECT c.support_count INTO v_n FROM contribution c WHERE c.tenant_id = p_tenant AND c.id = p_contribution;
    RETURN QUERY SELECT false, v_n, NULL::bigint, NULL::timestamptz, NULL::text, NULL::text;
    RETURN;
  END IF;
  UPDATE contribution SET support_count = support_count + (CASE WHEN p_on THEN 1 ELSE -1 END)
   WHERE tenant_id = p_tenant AND id = p_contribution
  RETURNING support_count INTO v_n;
  IF p_stream IS NULL THEN
    IF p_payload IS NOT NULL THEN
      PERFORM pg_notify(p_channel, p_payload);
    END IF;
    RETURN QUERY SELECT true, v_n, NULL::bigint, NULL::timestamptz, NULL::text, NULL::text;
    RETURN;
  END IF;
  RETURN QUERY SELECT true, v_n, a.r_seq, a.r_at, a.r_prev_hash, a.r_hash
    FROM citypath_audit_append(p_tenant, p_stream, p_channel, p_payload, NULL, p_actor, p_action,
                               'contribution_support', p_contribution, NULL, NULL,
                               jsonb_build_object('supports', v_n),
                               p_head_before || v_n::text || p_head_after, p_mid, p_tail) a;
END
$$;
