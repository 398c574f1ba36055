-- Server mode (issue 19): the database itself enforces who may change roles, holds and the audit log.
-- Applied by `intake.registry.server.apply_server_roles` as the schema owner (intake_owner), after the
-- schema is at head; safe to apply again (every statement is idempotent).
--
-- Staff logins are members of intake_staff: they read the registry and write the working tables, but
-- user_roles, holds and audit_events only through the SECURITY DEFINER functions below, which check the
-- caller's role in the registry (the rules of src/intake/permissions.py) and stamp the actor from the session
-- (intake_actor), never from a parameter.
--
-- The actor is the role the session acts as: the service login (intake_service, NOINHERIT, a member of every
-- staff login) runs `SET ROLE <person>` for the person sudo authenticated, and a person connecting with their
-- own login acts as that login. PostgreSQL itself decides who may become whom (SET ROLE needs membership), and
-- inside a SECURITY DEFINER function current_setting('role') is still the caller's (tests/authorisation/
-- test_server_wiring.py checks it on the real server).

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
-- A data key row and a deletion certificate are the proof of a deletion: a key is destroyed by clearing it (the
-- row stays, saying when) and a certificate is kept. No step deletes either, so no staff login may.
REVOKE DELETE, TRUNCATE ON data_keys, deletion_certificates FROM intake_staff;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO intake_staff;

-- Worker (the scheduled sweep): reads, and changes only what a sweep changes.
GRANT SELECT ON ALL TABLES IN SCHEMA public TO intake_worker;
-- data_keys: destroying a key (crypto-shredding) clears it, or records a scope that never had one as shredded.
GRANT INSERT, UPDATE ON datasets, artefacts, data_keys, runs, deletion_certificates, locks, state_heads
  TO intake_worker;
GRANT DELETE ON artefacts, data_keys, locks TO intake_worker;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON users, user_roles, holds, audit_events, customers, signers,
  authorisations, authorised_files, run_requests FROM intake_worker;

-- Who is acting: the role set by SET ROLE, else the login.
CREATE OR REPLACE FUNCTION intake_actor() RETURNS text
LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
  SELECT CASE WHEN current_setting('role') NOT IN ('none', '') THEN current_setting('role')
              ELSE session_user::text END
$$;

-- The caller's roles, as the registry records them for the role it acts as.
CREATE OR REPLACE FUNCTION intake_has_role(p_role text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM user_roles ur JOIN users u ON u.name = ur.user_name
                 WHERE ur.user_name = intake_actor() AND ur.role = p_role AND u.active)
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
  VALUES (v_seq, v_at, intake_actor(), p_role, p_action, p_dataset_id, p_outcome, p_details, v_prev,
          intake_event_hash(v_seq, v_at, intake_actor(), p_role, p_action, p_dataset_id, p_outcome, p_details, v_prev));
  RETURN v_seq;
END $$;

-- The state events of src/intake/registry/state_log.py carry a MAC over their own sequence number, made with the
-- state key, which only intake holds: intake takes the chain's lock and learns the next number here, computes
-- the MAC, then appends with intake_state_append in the same transaction (the lock lasts until it ends).
CREATE OR REPLACE FUNCTION intake_audit_lock() RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  LOCK TABLE audit_events IN SHARE ROW EXCLUSIVE MODE;
  RETURN coalesce((SELECT max(seq) FROM audit_events), 0) + 1;
END $$;

CREATE OR REPLACE FUNCTION intake_state_append(p_seq integer, p_details text) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE v_seq integer;
BEGIN
  v_seq := intake_audit_append('registry', 'state.write', NULL, 'ok', p_details);
  IF v_seq <> p_seq THEN
    RAISE EXCEPTION USING ERRCODE = '40001', MESSAGE = format(
      'state event numbered %s landed at %s: take intake_audit_lock() first, in the same transaction', p_seq, v_seq);
  END IF;
  RETURN v_seq;
END $$;

CREATE OR REPLACE FUNCTION intake_refuse(p_action text, p_why text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  -- The refusal is recorded by the caller's own audit path (its transaction rolls back with this error).
  RAISE EXCEPTION USING ERRCODE = '42501', MESSAGE = format('%s refused for %s: %s', p_action, intake_actor(), p_why);
END $$;

-- A person the service login may not act as (SET ROLE refused: no such login, or not granted to the service):
-- recorded against the login that tried, with the name it was asked to act as. The service login's one right
-- of its own, in a schema of its own (it has no USAGE on public): granted below and by `intake server add-login
-- intake_service`.
CREATE SCHEMA IF NOT EXISTS intake_service_api;
REVOKE ALL ON SCHEMA intake_service_api FROM PUBLIC;
CREATE OR REPLACE FUNCTION intake_service_api.audit_refused_acting(p_wanted text) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF p_wanted !~ '^[A-Za-z0-9_.@-]{1,128}$' THEN
    RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = 'a login name is letters, digits and _.@- only';
  END IF;
  RETURN intake_audit_append('none', 'identity.acting', NULL, 'refused',
    json_build_object('wanted', p_wanted, 'reason', 'SET ROLE refused')::text);
END $$;
REVOKE ALL ON FUNCTION intake_service_api.audit_refused_acting(text) FROM PUBLIC;

-- The service account (or root) running intake named a person with --as or INTAKE_ACTOR: refused by intake before
-- it connects as anyone (src/intake/identity.py), and recorded here against intake's own login with the OS account
-- that ran it and the name it tried. EXECUTE is PUBLIC, but only intake's login has USAGE on this schema.
CREATE OR REPLACE FUNCTION intake_service_api.audit_refused_naming(p_named text, p_os_account text) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF p_named !~ '^[A-Za-z0-9_.@-]{1,128}$' OR p_os_account !~ '^[A-Za-z0-9_.@-]{1,128}$' THEN
    RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = 'a login name is letters, digits and _.@- only';
  END IF;
  RETURN intake_audit_append('none', 'identity', NULL, 'refused', json_build_object('named', p_named,
    'os_account', p_os_account, 'reason', 'an actor other than the authenticated one was named')::text);
END $$;
GRANT EXECUTE ON FUNCTION intake_service_api.audit_refused_naming(text, text) TO PUBLIC;

-- Grant or revoke a role: admins only, never to or from oneself (permissions.py "users.manage").
CREATE OR REPLACE FUNCTION intake_grant_role(p_user text, p_role text, p_seal text DEFAULT NULL,
  p_version integer DEFAULT NULL) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF NOT intake_has_role('admin') THEN PERFORM intake_refuse('users.grant', 'only an admin grants roles'); END IF;
  IF p_user = intake_actor() THEN PERFORM intake_refuse('users.grant', 'nobody grants a role to themselves'); END IF;
  IF p_role = 'service' THEN PERFORM intake_refuse('users.grant', 'the service role belongs to the service login'); END IF;
  INSERT INTO user_roles (user_name, role, granted_by, granted_at, seal, version)
  VALUES (p_user, p_role, intake_actor(), now(), p_seal, p_version)
  ON CONFLICT (user_name, role) DO NOTHING;
  PERFORM intake_audit_append('admin', 'users.grant', NULL, 'ok', json_build_object('user', p_user, 'role', p_role)::text);
END $$;

CREATE OR REPLACE FUNCTION intake_revoke_role(p_user text, p_role text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF NOT intake_has_role('admin') THEN PERFORM intake_refuse('users.revoke', 'only an admin revokes roles'); END IF;
  IF p_user = intake_actor() THEN PERFORM intake_refuse('users.revoke', 'nobody changes their own roles'); END IF;
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
  VALUES (p_id, p_kind, p_dataset_id, p_customer_id, p_reference, p_reason, intake_actor(), now(),
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
  UPDATE holds SET closed_by = intake_actor(), closed_at = now(), outcome = p_outcome,
         seal = coalesce(p_seal, seal), version = coalesce(p_version, version)
   WHERE id = p_id;
  PERFORM intake_audit_append(v_role, 'hold.lift', v_dataset, 'ok', json_build_object('hold', p_id, 'kind', v_kind)::text);
END $$;

-- A legal hold's next review date: set by the DPO only (permissions.py "legal_hold.manage"; `intake holds legal
-- review`), which also clears the sweep's reminder. review_by is not sealed, so no staff login may write it
-- directly: an engineer could otherwise push a hold's review out for ever.
CREATE OR REPLACE FUNCTION intake_review_hold(p_id text, p_review_by timestamptz) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE v_dataset text;
BEGIN
  IF NOT intake_has_role('dpo') THEN
    PERFORM intake_refuse('legal_hold.review', 'a legal hold is reviewed by the dpo role');
  END IF;
  IF p_review_by IS NULL THEN PERFORM intake_refuse('legal_hold.review', 'a review sets the next review date'); END IF;
  UPDATE holds SET review_by = p_review_by, review_notified_at = NULL
   WHERE id = p_id AND kind = 'legal' AND closed_at IS NULL
  RETURNING dataset_id INTO v_dataset;
  IF NOT FOUND THEN PERFORM intake_refuse('legal_hold.review', format('no open legal hold %s', p_id)); END IF;
  PERFORM intake_audit_append('dpo', 'hold.review', v_dataset, 'ok', json_build_object('hold', p_id)::text);
END $$;

REVOKE ALL ON FUNCTION intake_grant_role(text, text, text, integer), intake_revoke_role(text, text),
  intake_place_hold(text, text, text, text, text, text, timestamptz, text, integer),
  intake_lift_hold(text, text, text, integer), intake_review_hold(text, timestamptz), intake_audit_append(text, text, text, text, text),
  intake_audit_lock(), intake_state_append(integer, text), intake_refuse(text, text), intake_has_role(text)
  FROM PUBLIC;
DO $$ BEGIN
  IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'intake_service') THEN
    GRANT USAGE ON SCHEMA intake_service_api TO intake_service;
    GRANT EXECUTE ON FUNCTION intake_service_api.audit_refused_acting(text) TO intake_service;
  END IF;
END $$;
GRANT EXECUTE ON FUNCTION intake_grant_role(text, text, text, integer), intake_revoke_role(text, text),
  intake_place_hold(text, text, text, text, text, text, timestamptz, text, integer),
  intake_lift_hold(text, text, text, integer), intake_review_hold(text, timestamptz), intake_has_role(text)
  TO intake_staff;
GRANT EXECUTE ON FUNCTION intake_audit_append(text, text, text, text, text), intake_audit_lock(),
  intake_state_append(integer, text) TO intake_staff, intake_worker;

-- The sweep's reminder (review_notified_at, not sealed) is the one column of a hold written directly: by the
-- worker's scheduled sweep, and by a DPO or admin running `intake retention sweep` as themselves. The review
-- date is written only by intake_review_hold above. The table-level REVOKE at the top also drops the
-- UPDATE (review_by) that earlier versions of this file granted to intake_staff; it is restated for clarity.
REVOKE UPDATE (review_by) ON holds FROM intake_staff, intake_worker;
GRANT UPDATE (review_notified_at) ON holds TO intake_staff, intake_worker;
