"""The library system's PostgreSQL schema for `paeds_pgdump.py`: its tables' columns as pg_dump prints them, the
identity column, unique keys, foreign keys, indexes, the device status enum and the two trigger functions (the
audit trigger's body holds an `INSERT INTO`)."""

from __future__ import annotations

OWNER = "mdl_owner"
_VC = "character varying({})"
_TS = "timestamp with time zone"
# qualified table -> column definitions as pg_dump prints them (a CONSTRAINT line last when there is one)
SCHEMA: dict[str, list[str]] = {
    "audit.logged_actions": [
        "event_id bigint NOT NULL", "schema_name text NOT NULL", "table_name text NOT NULL", "relid oid NOT NULL",
        "session_user_name text", f"action_tstamp_tx {_TS} NOT NULL", "transaction_id bigint",
        "application_name text", "client_addr inet", "client_port integer", "action text NOT NULL",
        "row_data jsonb", "changed_fields jsonb", "statement_only boolean NOT NULL",
        "CONSTRAINT logged_actions_action_check CHECK ((action = ANY (ARRAY['I'::text, 'D'::text, 'U'::text, "
        "'T'::text])))"],
    "public.app_users": ["id integer NOT NULL", f"username {_VC.format(32)} NOT NULL", "staff_id integer",
                         f"password_digest {_VC.format(100)}", "is_admin boolean DEFAULT false NOT NULL",
                         f"last_sign_in_at {_TS}", f"created_at {_TS} DEFAULT now() NOT NULL"],
    "public.attachments": ["id integer NOT NULL", "device_id integer", "file_name text",
                           f"content_type {_VC.format(100)}", f"uploaded_at {_TS}", "data bytea"],
    "public.carers": ["id integer NOT NULL", "patient_id integer NOT NULL", f"full_name {_VC.format(100)} NOT NULL",
                      f"relationship {_VC.format(40)}", f"phone {_VC.format(30)}", f"email {_VC.format(120)}",
                      "parental_responsibility boolean", "notes text"],
    "public.device_models": ["id integer NOT NULL", "manufacturer_id integer", f"model {_VC.format(80)} NOT NULL",
                             f"device_type {_VC.format(80)}", f"emdn_code {_VC.format(16)}",
                             f"mdr_class {_VC.format(4)}", "ppm_interval_months smallint"],
    "public.devices": [
        "id integer NOT NULL", f"asset_tag {_VC.format(20)} NOT NULL", "model_id integer",
        f"serial_number {_VC.format(40)}", "location_id integer",
        f"pool {_VC.format(10)} DEFAULT 'library'::character varying NOT NULL",
        "status public.device_status DEFAULT 'available'::public.device_status NOT NULL", "supplier_id integer",
        "funded_by_id integer", "keeper_id integer", "engineer_id integer", "risk_category character(1)",
        "purchase_date date", "purchase_cost numeric(10,2)", "warranty_until date", "last_ppm date", "next_ppm date",
        "accessories text[]", "notes text", f"created_at {_TS} DEFAULT now() NOT NULL", f"updated_at {_TS}",
        f"updated_by {_VC.format(32)}"],
    "public.job_actions": ["id integer NOT NULL", "job_id integer NOT NULL", "engineer_id integer",
                           "contractor_id integer", f"action_at {_TS} NOT NULL", "action text", "hours numeric(5,2)",
                           "parts jsonb", "parts_cost numeric(10,2)"],
    "public.jobs": ["id integer NOT NULL", f"job_no {_VC.format(20)} NOT NULL", "device_id integer NOT NULL",
                    f"job_type {_VC.format(8)} NOT NULL", "priority smallint DEFAULT 3", f"raised_at {_TS} NOT NULL",
                    f"reported_by {_VC.format(100)}", f"reporter_contact {_VC.format(40)}", "fault text",
                    f"status {_VC.format(16)} DEFAULT 'new'::character varying NOT NULL", f"completed_at {_TS}",
                    "engineer_id integer", f"raised_by {_VC.format(32)}"],
    "public.loan_calls": ["id integer NOT NULL", "loan_id integer NOT NULL", f"called_at {_TS} NOT NULL",
                          "direction character(3)", f"logged_by {_VC.format(32)}", "note text"],
    "public.loans": ["id integer NOT NULL", "device_id integer NOT NULL", "patient_id integer NOT NULL",
                     f"issued_at {_TS} NOT NULL", "issued_by_id integer", "due_back date", f"returned_at {_TS}",
                     f"return_condition {_VC.format(30)}", "decontaminated boolean", "notes text"],
    "public.locations": ["id integer NOT NULL", "site_id integer NOT NULL", f"building {_VC.format(80)}",
                         f"area {_VC.format(100)} NOT NULL", f"room {_VC.format(60)}", f"extension {_VC.format(12)}"],
    "public.organisations": ["id integer NOT NULL", f"name {_VC.format(120)} NOT NULL", f"org_type {_VC.format(20)}",
                             f"contact_name {_VC.format(100)}", f"phone {_VC.format(30)}", f"email {_VC.format(120)}",
                             f"website {_VC.format(120)}", "notes text"],
    "public.patients": [
        "id integer NOT NULL", f"hospital_no {_VC.format(12)} NOT NULL", f"nhs_number {_VC.format(12)}",
        f"forename {_VC.format(60)} NOT NULL", f"surname {_VC.format(60)} NOT NULL", f"known_as {_VC.format(40)}",
        "date_of_birth date", f"address_line1 {_VC.format(120)}", f"address_line2 {_VC.format(120)}",
        f"town {_VC.format(60)}", f"postcode {_VC.format(10)}", f"home_phone {_VC.format(30)}",
        f"school {_VC.format(120)}", f"consultant {_VC.format(80)}", "alerts text", "access_notes text",
        f"created_at {_TS} DEFAULT now()", f"updated_by {_VC.format(32)}"],
    "public.settings": [f"setting {_VC.format(64)} NOT NULL", "value text"],
    "public.sites": ["id integer NOT NULL", f"code {_VC.format(6)}", f"name {_VC.format(120)} NOT NULL",
                     f"town {_VC.format(60)}", f"kind {_VC.format(20)}", "active boolean DEFAULT true NOT NULL"],
    "public.staff": ["id integer NOT NULL", f"forename {_VC.format(50)}", f"surname {_VC.format(60)}",
                     f'"position" {_VC.format(80)}', f"team {_VC.format(60)}", f"bleep {_VC.format(8)}",
                     f"mobile {_VC.format(24)}", f"email {_VC.format(120)}", f"esr_number {_VC.format(12)}",
                     "is_engineer boolean DEFAULT false NOT NULL", "active boolean DEFAULT true NOT NULL"],
}
IDENTITY = {"public.loan_calls"}  # GENERATED BY DEFAULT AS IDENTITY; the others own a serial's sequence
UNIQUE = {"public.devices": "asset_tag", "public.jobs": "job_no", "public.app_users": "username",
          "public.patients": "hospital_no"}
FOREIGN = [("public.carers", "patient_id", "public.patients"), ("public.device_models", "manufacturer_id",
                                                                 "public.organisations"),
           ("public.devices", "location_id", "public.locations"),
           ("public.devices", "model_id", "public.device_models"),
           ("public.job_actions", "job_id", "public.jobs"), ("public.jobs", "device_id", "public.devices"),
           ("public.loan_calls", "loan_id", "public.loans"), ("public.loans", "device_id", "public.devices"),
           ("public.loans", "patient_id", "public.patients"), ("public.locations", "site_id", "public.sites")]
INDEXES = [
    "CREATE INDEX jobs_device_id_idx ON public.jobs USING btree (device_id);",
    "CREATE INDEX loans_device_id_idx ON public.loans USING btree (device_id);",
    "CREATE INDEX logged_actions_action_tstamp_tx_idx ON audit.logged_actions USING btree (action_tstamp_tx);",
    "CREATE INDEX patients_lower_surname_idx ON public.patients USING btree (lower((surname)::text));",
]
STATUSES = ["available", "on_loan", "in_use", "awaiting_repair", "quarantine", "condemned", "missing"]
FUNCTIONS = """\
CREATE FUNCTION audit.if_modified_func() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'public'
    AS $body$
DECLARE
    audit_row audit.logged_actions;
    excluded_cols text[] = ARRAY[]::text[];
BEGIN
    audit_row = ROW(nextval('audit.logged_actions_event_id_seq'), TG_TABLE_SCHEMA::text, TG_TABLE_NAME::text,
        TG_RELID, session_user::text, current_timestamp, txid_current(), current_setting('application_name'),
        inet_client_addr(), inet_client_port(), substring(TG_OP,1,1), NULL, NULL, 'f');
    IF TG_ARGV[1] IS NOT NULL THEN
        excluded_cols = TG_ARGV[1]::text[];
    END IF;
    IF (TG_OP = 'UPDATE' AND TG_LEVEL = 'ROW') THEN
        audit_row.row_data = to_jsonb(OLD) - excluded_cols;
        audit_row.changed_fields = (SELECT jsonb_object_agg(n.key, n.value) FROM jsonb_each(to_jsonb(NEW)) n
            WHERE NOT to_jsonb(OLD) @> jsonb_build_object(n.key, n.value)) - excluded_cols;
        IF audit_row.changed_fields = '{}'::jsonb THEN
            RETURN NULL;
        END IF;
    ELSIF (TG_OP = 'INSERT' AND TG_LEVEL = 'ROW') THEN
        audit_row.row_data = to_jsonb(NEW) - excluded_cols;
    END IF;
    INSERT INTO audit.logged_actions VALUES (audit_row.*);
    RETURN NULL;
END;
$body$;


ALTER FUNCTION audit.if_modified_func() OWNER TO mdl_owner;

--
-- Name: set_updated_at(); Type: FUNCTION; Schema: public; Owner: mdl_owner
--

CREATE FUNCTION public.set_updated_at() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$$;


ALTER FUNCTION public.set_updated_at() OWNER TO mdl_owner;"""
