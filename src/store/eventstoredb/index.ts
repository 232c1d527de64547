// Every @eventstore/db-client import stays inside this folder, so moving to
// @kurrent/kurrentdb-client is a change here and nowhere else.
export { EventStoreDbEventStore, openEventStoreDbEventStore, type EventStoreDbEventStoreOptions } from './event-store-db-event-store.js';
