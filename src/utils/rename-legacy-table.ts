export type LegacyTable = {
  /** The name versions before 0.2 created, e.g. "invoice". */
  from: string
  /** Our prefixed name, e.g. "msi_invoice". */
  to: string
  /**
   * Columns only our table has. Another plugin (e.g. Medusa's invoice-generator recipe) may own a table with the
   * old name: it is renamed only when every one of these columns is there.
   */
  ownColumns: string[]
}

/**
 * SQL that renames a table this plugin created under an unprefixed name, with its indexes and constraints (their
 * names start with the table's name, as Medusa generates them), keeping its rows. Nothing happens when the old
 * table is missing, is not ours, or the new one already exists: a fresh database and a second run are no-ops.
 */
export function renameLegacyTableSql({ from, to, ownColumns }: LegacyTable) {
  const literal = (value: string) => `'${value.replace(/'/g, "''")}'`
  const columns = ownColumns.map(literal).join(", ")
  return `
DO $$
DECLARE
  item record;
BEGIN
  IF to_regclass(${literal(`"${from}"`)}) IS NULL OR to_regclass(${literal(`"${to}"`)}) IS NOT NULL THEN
    RETURN;
  END IF;
  IF (SELECT count(*) FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = ${literal(from)}
        AND column_name IN (${columns})) <> ${ownColumns.length} THEN
    RETURN;
  END IF;
  EXECUTE format('ALTER TABLE %I RENAME TO %I', ${literal(from)}, ${literal(to)});
  -- Constraints first: renaming a primary key or unique constraint renames its index too.
  FOR item IN
    SELECT conname AS name FROM pg_constraint
    WHERE conrelid = to_regclass(${literal(`"${to}"`)}) AND left(conname, ${from.length + 1}) = ${literal(`${from}_`)}
  LOOP
    EXECUTE format('ALTER TABLE %I RENAME CONSTRAINT %I TO %I', ${literal(to)}, item.name,
      ${literal(to)} || substr(item.name, ${from.length + 1}));
  END LOOP;
  FOR item IN
    SELECT indexname AS name FROM pg_indexes
    WHERE schemaname = current_schema() AND tablename = ${literal(to)}
      AND left(indexname, ${from.length + 5}) = ${literal(`IDX_${from}_`)}
  LOOP
    EXECUTE format('ALTER INDEX %I RENAME TO %I', item.name,
      ${literal(`IDX_${to}`)} || substr(item.name, ${from.length + 5}));
  END LOOP;
END $$;`
}
