using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Varde.Data.Migrations.Postgres.Migrations
{
    /// <summary>
    /// Measurements and triage records partitioned by month of their effective time (ADR 0055, docs/operations.md
    /// "Partitions"): one partition for everything before the first month, one per month (UTC), and a default one that
    /// stays empty while months are created ahead (at start and by a daily job). Every unique index of a partitioned table
    /// must contain the partition key, so the primary keys become (id, effective_at) and the resend index (patient_id,
    /// client_id, effective_at); a client id reused for another reading is refused by intake, which holds the patient.
    /// </summary>
    public partial class MonthlyPartitions : Migration
    {
        private static readonly string[] Tables = ["measurements", "triage_records"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION varde_name_partition_indexes(part text, suffix text) RETURNS void LANGUAGE plpgsql AS $$
                DECLARE
                    child record;
                BEGIN
                    -- A partition's indexes are named after the table's index they belong to, so plans say which one is used.
                    FOR child IN
                        SELECT c.relname AS name, p.relname AS parent_index
                        FROM pg_index x
                        JOIN pg_class c ON c.oid = x.indexrelid
                        JOIN pg_inherits i ON i.inhrelid = x.indexrelid
                        JOIN pg_class p ON p.oid = i.inhparent
                        WHERE x.indrelid = part::regclass
                    LOOP
                        EXECUTE format('ALTER INDEX %I RENAME TO %I', child.name, child.parent_index || '_' || suffix);
                    END LOOP;
                END $$;
                """);
            migrationBuilder.Sql("""
                CREATE FUNCTION varde_add_month_partition(parent text, in_month date) RETURNS text LANGUAGE plpgsql AS $$
                DECLARE
                    month_start date := date_trunc('month', in_month)::date;
                    suffix text := to_char(month_start, 'YYYY_MM');
                    part text := parent || '_' || suffix;
                BEGIN
                    IF to_regclass(part) IS NOT NULL THEN
                        RETURN NULL;
                    END IF;
                    -- Month boundaries in UTC, whatever the session's time zone.
                    EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)', part, parent,
                        month_start::timestamp AT TIME ZONE 'UTC', (month_start + interval '1 month')::timestamp AT TIME ZONE 'UTC');
                    PERFORM varde_name_partition_indexes(part, suffix);
                    RETURN part;
                EXCEPTION
                    -- The month lies in another partition's range (the one before the first month), or another
                    -- session made it meanwhile: nothing to add.
                    WHEN invalid_object_definition OR duplicate_table THEN
                        RETURN NULL;
                END $$;
                """);

            foreach (var table in Tables)
            {
                migrationBuilder.Sql($"ALTER TABLE {table} RENAME TO {table}_unpartitioned;");
                migrationBuilder.Sql($"ALTER TABLE {table}_unpartitioned RENAME CONSTRAINT pk_{table} TO pk_{table}_unpartitioned;");
                migrationBuilder.Sql($"ALTER TABLE {table}_unpartitioned DROP CONSTRAINT fk_{table}_patients_patient_id;");
                migrationBuilder.Sql($"CREATE TABLE {table} (LIKE {table}_unpartitioned INCLUDING DEFAULTS) PARTITION BY RANGE (effective_at);");
                migrationBuilder.Sql($"ALTER TABLE {table} ADD CONSTRAINT fk_{table}_patients_patient_id FOREIGN KEY (patient_id) REFERENCES patients (id) ON DELETE RESTRICT;");
            }

            migrationBuilder.Sql("""
                DROP INDEX ix_measurements_client_id, ix_measurements_device_id, ix_measurements_patient_id_client_id,
                    ix_measurements_patient_id_type_effective_at, ix_measurements_received_at_id;
                ALTER TABLE measurements ADD CONSTRAINT pk_measurements PRIMARY KEY (id, effective_at);
                CREATE INDEX ix_measurements_client_id ON measurements (client_id);
                CREATE INDEX ix_measurements_device_id ON measurements (device_id);
                CREATE UNIQUE INDEX ix_measurements_patient_id_client_id ON measurements (patient_id, client_id, effective_at);
                CREATE INDEX ix_measurements_patient_id_type_effective_at ON measurements (patient_id, type, effective_at);
                CREATE INDEX ix_measurements_received_at_id ON measurements (received_at, id);
                DROP TRIGGER measurements_append_only ON measurements_unpartitioned;
                CREATE TRIGGER measurements_append_only BEFORE UPDATE OR DELETE ON measurements FOR EACH ROW EXECUTE FUNCTION varde_refuse_change();

                DROP INDEX ix_triage_records_patient_id_effective_at, ix_triage_records_patient_id_reviewed_at_alert_id, ix_triage_records_to_review;
                ALTER TABLE triage_records ADD CONSTRAINT pk_triage_records PRIMARY KEY (report_id, effective_at);
                CREATE INDEX ix_triage_records_patient_id_effective_at ON triage_records (patient_id, effective_at);
                CREATE INDEX ix_triage_records_patient_id_reviewed_at_alert_id ON triage_records (patient_id, reviewed_at, alert_id);
                CREATE INDEX ix_triage_records_to_review ON triage_records (received_at) WHERE reviewed_at IS NULL AND alert_id IS NULL;
                """);

            // Months from the last one (or the oldest stored, at most two years back) to two ahead of the database's
            // clock; Varde adds more at start and daily (PartitionMaintenance). Then the rows move over.
            migrationBuilder.Sql("""
                DO $$
                DECLARE
                    this_month date := date_trunc('month', now() AT TIME ZONE 'UTC')::date;
                    first_month date;
                    m date;
                    parent text;
                BEGIN
                    SELECT greatest(least((this_month - interval '1 month')::date, date_trunc('month', min(effective_at) AT TIME ZONE 'UTC')::date),
                                    (this_month - interval '24 months')::date)
                    INTO first_month
                    FROM (SELECT effective_at FROM measurements_unpartitioned UNION ALL SELECT effective_at FROM triage_records_unpartitioned) stored;
                    FOREACH parent IN ARRAY ARRAY['measurements', 'triage_records'] LOOP
                        EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (MINVALUE) TO (%L)', parent || '_before', parent,
                            first_month::timestamp AT TIME ZONE 'UTC');
                        PERFORM varde_name_partition_indexes(parent || '_before', 'before');
                        m := first_month;
                        WHILE m <= this_month + interval '2 months' LOOP
                            PERFORM varde_add_month_partition(parent, m);
                            m := (m + interval '1 month')::date;
                        END LOOP;
                        EXECUTE format('CREATE TABLE %I PARTITION OF %I DEFAULT', parent || '_default', parent);
                        PERFORM varde_name_partition_indexes(parent || '_default', 'default');
                    END LOOP;
                END $$;
                """);
            foreach (var table in Tables)
            {
                migrationBuilder.Sql($"INSERT INTO {table} SELECT * FROM {table}_unpartitioned;");
                migrationBuilder.Sql($"DROP TABLE {table}_unpartitioned;");
                // Autovacuum analyses the partitions, never the partitioned table itself.
                migrationBuilder.Sql($"ANALYZE {table};");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Back to one table each, with the indexes and keys of before (the rows move back).
            foreach (var table in Tables)
            {
                migrationBuilder.Sql($"CREATE TABLE {table}_single (LIKE {table} INCLUDING DEFAULTS);");
                migrationBuilder.Sql($"INSERT INTO {table}_single SELECT * FROM {table};");
                migrationBuilder.Sql($"DROP TABLE {table};");
                migrationBuilder.Sql($"ALTER TABLE {table}_single RENAME TO {table};");
                migrationBuilder.Sql($"ALTER TABLE {table} ADD CONSTRAINT fk_{table}_patients_patient_id FOREIGN KEY (patient_id) REFERENCES patients (id) ON DELETE RESTRICT;");
            }

            migrationBuilder.Sql("""
                ALTER TABLE measurements ADD CONSTRAINT pk_measurements PRIMARY KEY (id);
                CREATE INDEX ix_measurements_client_id ON measurements (client_id);
                CREATE INDEX ix_measurements_device_id ON measurements (device_id);
                CREATE UNIQUE INDEX ix_measurements_patient_id_client_id ON measurements (patient_id, client_id);
                CREATE INDEX ix_measurements_patient_id_type_effective_at ON measurements (patient_id, type, effective_at);
                CREATE INDEX ix_measurements_received_at_id ON measurements (received_at, id);
                CREATE TRIGGER measurements_append_only BEFORE UPDATE OR DELETE ON measurements FOR EACH ROW EXECUTE FUNCTION varde_refuse_change();
                ALTER TABLE triage_records ADD CONSTRAINT pk_triage_records PRIMARY KEY (report_id);
                CREATE INDEX ix_triage_records_patient_id_effective_at ON triage_records (patient_id, effective_at);
                CREATE INDEX ix_triage_records_patient_id_reviewed_at_alert_id ON triage_records (patient_id, reviewed_at, alert_id);
                CREATE INDEX ix_triage_records_to_review ON triage_records (received_at) WHERE reviewed_at IS NULL AND alert_id IS NULL;
                DROP FUNCTION varde_add_month_partition(text, date);
                DROP FUNCTION varde_name_partition_indexes(text, text);
                """);
        }
    }
}
