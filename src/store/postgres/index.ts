export { openPostgresEventStore, PostgresEventStore, type PostgresEventStoreOptions } from './postgres-event-store.js';
export type { AppendInTransaction, AppendStep } from './group-commit.js';
