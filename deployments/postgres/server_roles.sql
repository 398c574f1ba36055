-- Server mode (issue 19): the database itself enforces who may change roles, holds and the audit log.
-- Applied by `intake.registry.server.apply_server_roles` as the schema owner (intake_owner), after the
-- schema is at head; safe to apply again (every statement is idempotent).
--
-- Staff logins are members of intake_staff: they read the registry and write the working tables, but
-- user_roles, holds and audit_events only through the SECURITY DEFINER functions below, which check the
-- caller's role in the registry (the rules of src/intake/permissions.py) and stamp the actor from
-- session_user, never from a parameter.

DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'intake_staff') THEN CREATE ROLE intake_staff NOLOGIN; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'intake_worker') THEN CREATE ROLE intake_worker NOLOGIN; END IF;
END $$;

REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO intake_staff, intake_worker;

-- Staff: read everything, write the working tables; the protected three are read-only to them.
GRANT SELECT ON ALL TABLES IN SCHEMA public TO intake_staff;
GRANT INSERT, UPDATE, DELETE ON users, customers, signers, authorisations, authorised_files, datasets,
  data_keys, artefacts, run_requests, runs, deletion_certificates, locks, state_heads TO intake_staff;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON user_roles, holds, audit_events FROM intake_staff;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO intake_staff;

-- Worker (the scheduled sweep): reads, and changes only what a sweep changes.
GRANT SELECT ON ALL TABLES IN SCHEMA public TO intake_worker;
GRANT INSERT, UPDATE ON datasets, artefacts, runs, deletion_certificates, locks, state_heads TO intake_worker;
GRANT DELETE ON artefacts, data_keys, locks TO intake_worker;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON users, user_roles, holds, audit_events, customers, signers,
  authorisations, authorised_files, run_requests FROM intake_worker;

-- The caller's roles, as the registry records them for its login.
CREATE OR REPLACE FUNCTION intake_has_role(p_role text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM user_roles ur JOIN users u ON u.name = ur.user_name
                 WHERE ur.user_name = session_user AND ur.role = p_role AND u.active)
$$;

-- The audit event hash of src/intake/registry/chain.py: canonical JSON (sorted keys, no spaces), SHA-256 hex.
CREATE OR REPLACE FUNCTION intake_event_hash(p_seq integer, p_at timestamptz, p_actor text, p_role text,
  p_action text, p_dataset_id text, p_outcome text, p_details text, p_prev text) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = public, pg_temp AS $$
  SELECT encode(sha256(convert_to(
    '{"action":' || to_json(p_action)::text
    || ',"actor":' || to_json(p_actor)::text
    || ',"at":' || to_json(
         to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS')
         || CASE WHEN extract(microseconds FROM p_at)::bigint % 1000000 = 0 THEN ''
                 ELSE '.' || to_char(p_at AT TIME ZONE 'UTC', 'US') END
         || '+00:00')::text
    || ',"dataset_id":' || coalesce(to_json(p_dataset_id)::text, 'null')
    || ',"details":' || to_json(p_details)::text
    || ',"outcome":' || to_json(p_outcome)::text
    || ',"prev_hash":' || to_json(p_prev)::text
    || ',"role":' || to_json(p_role)::text
    || ',"seq":' || p_seq::text || '}', 'UTF8')), 'hex')
$$;

-- Append one audit event as the session's login; returns its sequence number.
CREATE OR REPLACE FUNCTION intake_audit_append(p_role text, p_action text, p_dataset_id text, p_outcome text,
  p_details text) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_seq integer; v_prev text; v_at timestamptz := clock_timestamp();
BEGIN
  -- chain.py hashes JSON with every non-ASCII character escaped (\uXXXX); to_json keeps them as they are, so
  -- a non-ASCII field would hash differently here. Details carry ids, counts and reasons: ASCII by design.
  IF concat(p_role, p_action, p_dataset_id, p_outcome, p_details) ~ '[^[:ascii:]]' THEN
    RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = 'audit event fields must be ASCII (ids, counts, reasons)';
  END IF;
  -- One writer at a time: the chain is a sequence, and a gap or fork would read as tampering.
  LOCK TABLE audit_events IN SHARE ROW EXCLUSIVE MODE;
  SELECT seq, hash INTO v_seq, v_prev FROM audit_events ORDER BY seq DESC LIMIT 1;
  v_seq := coalesce(v_seq, 0) + 1;
  v_prev := coalesce(v_prev, repeat('0', 64));
  INSERT INTO audit_events (seq, at, actor, role, action, dataset_id, outcome, details, prev_hash, hash)
  VALUES (v_seq, v_at, session_user, p_role, p_action, p_dataset_id, p_outcome, p_details, v_prev,
          intake_event_hash(v_seq, v_at, session_user, p_role, p_action, p_dataset_id, p_outcome, p_details, v_prev));
  RETURN v_seq;
END $$;

CREATE OR REPLACE FUNCTION intake_refuse(p_action text, p_why text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  -- The refusal is recorded by the caller's own audit path (its transaction rolls back with this error).
  RAISE EXCEPTION USING ERRCODE = '42501', MESSAGE = format('%s refused for %s: %s', p_action, session_user, p_why);
END $$;

-- Grant or revoke a role: admins only, never to or from oneself (permissions.py "users.manage").
CREATE OR REPLACE FUNCTION intake_grant_role(p_user text, p_role text, p_seal text DEFAULT NULL,
  p_version integer DEFAULT NULL) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF NOT intake_has_role('admin') THEN PERFORM intake_refuse('users.grant', 'only an admin grants roles'); END IF;
  IF p_user = session_user THEN PERFORM intake_refuse('users.grant', 'nobody grants a role to themselves'); END IF;
  IF p_role = 'service' THEN PERFORM intake_refuse('users.grant', 'the service role belongs to the service login'); END IF;
  INSERT INTO user_roles (user_name, role, granted_by, granted_at, seal, version)
  VALUES (p_user, p_role, session_user, clock_timestamp(), p_seal, p_version)
  ON CONFLICT (user_name, role) DO NOTHING;
  PERFORM intake_audit_append('admin', 'users.grant', NULL, 'ok', json_build_object('user', p_user, 'role', p_role)::text);
END $$;

CREATE OR REPLACE FUNCTION intake_revoke_role(p_user text, p_role text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF NOT intake_has_role('admin') THEN PERFORM intake_refuse('users.revoke', 'only an admin revokes roles'); END IF;
  IF p_user = session_user THEN PERFORM intake_refuse('users.revoke', 'nobody changes their own roles'); END IF;
  DELETE FROM user_roles WHERE user_name = p_user AND role = p_role;
  PERFORM intake_audit_append('admin', 'users.revoke', NULL, 'ok', json_build_object('user', p_user, 'role', p_role)::text);
END $$;

-- Who may place and lift each kind of hold (permissions.py: fault.open/close, legal_hold.manage, restriction.manage).
CREATE OR REPLACE FUNCTION intake_hold_role(p_kind text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE p_kind WHEN 'fault' THEN 'support' WHEN 'legal' THEN 'dpo' WHEN 'restriction' THEN 'dpo' END
$$;

CREATE OR REPLACE FUNCTION intake_place_hold(p_id text, p_kind text, p_dataset_id text, p_customer_id text,
  p_reference text, p_reason text, p_review_by timestamptz DEFAULT NULL, p_seal text DEFAULT NULL,
  p_version integer DEFAULT NULL) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE v_role text := intake_hold_role(p_kind);
BEGIN
  IF v_role IS NULL OR NOT intake_has_role(v_role) THEN
    PERFORM intake_refuse('hold.place', format('a %s hold is placed by the %s role', p_kind, coalesce(v_role, 'no')));
  END IF;
  INSERT INTO holds (id, kind, dataset_id, customer_id, reference, reason, opened_by, opened_at, review_by, seal, version)
  VALUES (p_id, p_kind, p_dataset_id, p_customer_id, p_reference, p_reason, session_user, clock_timestamp(),
          p_review_by, p_seal, p_version);
  PERFORM intake_audit_append(v_role, 'hold.place', p_dataset_id, 'ok',
                              json_build_object('hold', p_id, 'kind', p_kind)::text);
END $$;

CREATE OR REPLACE FUNCTION intake_lift_hold(p_id text, p_outcome text, p_seal text DEFAULT NULL,
  p_version integer DEFAULT NULL) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE v_kind text; v_dataset text; v_role text;
BEGIN
  SELECT kind, dataset_id INTO v_kind, v_dataset FROM holds WHERE id = p_id AND closed_at IS NULL FOR UPDATE;
  IF NOT FOUND THEN PERFORM intake_refuse('hold.lift', format('no open hold %s', p_id)); END IF;
  v_role := intake_hold_role(v_kind);
  -- An admin cannot lift a legal hold: only the DPO (separation of duties, issue 19).
  IF NOT intake_has_role(v_role) THEN
    PERFORM intake_refuse('hold.lift', format('a %s hold is lifted by the %s role', v_kind, v_role));
  END IF;
  UPDATE holds SET closed_by = session_user, closed_at = clock_timestamp(), outcome = p_outcome,
         seal = coalesce(p_seal, seal), version = coalesce(p_version, version)
   WHERE id = p_id;
  PERFORM intake_audit_append(v_role, 'hold.lift', v_dataset, 'ok', json_build_object('hold', p_id, 'kind', v_kind)::text);
END $$;

REVOKE ALL ON FUNCTION intake_grant_role(text, text, text, integer), intake_revoke_role(text, text),
  intake_place_hold(text, text, text, text, text, text, timestamptz, text, integer),
  intake_lift_hold(text, text, text, integer), intake_audit_append(text, text, text, text, text),
  intake_refuse(text, text), intake_has_role(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION intake_grant_role(text, text, text, integer), intake_revoke_role(text, text),
  intake_place_hold(text, text, text, text, text, text, timestamptz, text, integer),
  intake_lift_hold(text, text, text, integer), intake_has_role(text) TO intake_staff;
GRANT EXECUTE ON FUNCTION intake_audit_append(text, text, text, text, text) TO intake_staff, intake_worker;
