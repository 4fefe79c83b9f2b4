import { type Kysely, PostgresAdapter, type RawBuilder, sql } from "kysely";

/**
 * What a table needs for its rows to be claimed with a lease: `id` (integer, grows), `status`
 * (`'pending'` until finished), `attempts` (integer), `lease_owner` and `lease_expires_at` (text,
 * null when free), and an ISO-8601 due-time column. The outbox's jobs and durable timers use it.
 */
export interface LeaseClaim {
  table: string;
  /** The column holding when a row is due (ISO-8601 text), e.g. `next_attempt_at`. */
  dueColumn: string;
  /** Equality filters, e.g. `{ lane: "ai" }`. */
  match?: Record<string, string | number>;
  /**
   * Rows with equal values in these columns run strictly one after another, oldest first: only the
   * oldest pending row of each group may be claimed (e.g. `["conversation_id", "lane"]`).
   */
  inOrderWithin?: readonly string[];
  /** Who claims: written to `lease_owner`, and checked when the row is finished. */
  owner: string;
  now: Date;
  leaseMs: number;
  limit: number;
}

/**
 * Claims up to `limit` due rows in one statement: due first, then oldest. A row is free when no
 * lease is on it or its lease expired (its claimer died or hung); claiming counts an attempt, so a
 * row that kills every process that runs it still runs out of attempts.
 *
 * On PostgreSQL concurrent claimers skip each other's locked rows (`FOR UPDATE SKIP LOCKED`); on
 * SQLite the single statement is atomic because SQLite has one writer at a time, across processes too.
 */
export async function claimLeased<Row>(db: Kysely<any>, claim: LeaseClaim): Promise<Row[]> {
  if (claim.limit <= 0) return [];
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const expires = new Date(claim.now.getTime() + claim.leaseMs).toISOString();
  const table = sql.table(claim.table);
  const lock = postgres ? sql`for update skip locked` : sql``;
  const result = await sql<Row>`
    update ${table} set lease_owner = ${claim.owner}, lease_expires_at = ${expires}, attempts = attempts + 1
    where id in (
      select c.id from ${table} as c
      where ${claimable(claim)}
      order by ${sql.ref(`c.${claim.dueColumn}`)}, c.id
      limit ${claim.limit}
      ${lock}
    )
    returning *`.execute(db);
  return result.rows;
}

/** Whether a claim made now would find a row (tests wait for quiet with it). */
export async function anyClaimable(db: Kysely<any>, claim: Omit<LeaseClaim, "owner" | "leaseMs" | "limit">): Promise<boolean> {
  const result = await sql<{ one: number }>`select 1 as one from ${sql.table(claim.table)} as c where ${claimable(claim)} limit 1`.execute(db);
  return result.rows.length > 0;
}

/** The rows, as `c`, a claim may take: pending, due, free, and first of their group. */
function claimable(claim: Omit<LeaseClaim, "owner" | "leaseMs" | "limit">): RawBuilder<unknown> {
  const now = claim.now.toISOString();
  const conditions = [
    sql`c.status = 'pending'`,
    sql`${sql.ref(`c.${claim.dueColumn}`)} <= ${now}`,
    sql`(c.lease_expires_at is null or c.lease_expires_at <= ${now})`,
    ...Object.entries(claim.match ?? {}).map(([column, value]) => sql`${sql.ref(`c.${column}`)} = ${value}`),
  ];
  const group = claim.inOrderWithin ?? [];
  if (group.length > 0) {
    // The group's head: one lookup in an index on (group columns, status, id) per candidate. Written
    // as "no older pending row" (not exists), PostgreSQL may plan it as an anti-join that reads all
    // of a lane's pending rows for every candidate (it did on a table grown faster than its
    // statistics), and with a backlog every claim cost it tens of milliseconds of CPU.
    const same = group.map((column) => sql`${sql.ref(`e.${column}`)} = ${sql.ref(`c.${column}`)}`);
    conditions.push(sql`c.id = (select e.id from ${sql.table(claim.table)} as e where ${sql.join(same, sql` and `)} and e.status = 'pending' order by e.id limit 1)`);
  }
  return sql.join(conditions, sql` and `);
}

/**
 * Extends this owner's leases on rows it is still running (a heartbeat), so a slow job is not
 * taken for a dead one and run a second time elsewhere. Returns the ids still held: a row missing
 * from the answer was finished or taken over by another process after its lease had run out.
 */
export async function renewLeases(db: Kysely<any>, renewal: { table: string; ids: readonly number[]; owner: string; now: Date; leaseMs: number }): Promise<number[]> {
  if (renewal.ids.length === 0) return [];
  const expires = new Date(renewal.now.getTime() + renewal.leaseMs).toISOString();
  const result = await sql<{ id: number }>`
    update ${sql.table(renewal.table)} set lease_expires_at = ${expires}
    where id in (${sql.join(renewal.ids)}) and lease_owner = ${renewal.owner} and status = 'pending'
    returning id`.execute(db);
  return result.rows.map((row) => Number(row.id));
}
