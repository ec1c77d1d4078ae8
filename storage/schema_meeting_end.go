package storage

// schemaMeetingEnd: a meeting may end at a set time ("周四 19:30-21:00");
// NULL is a meeting with a start only, as every meeting before this step.
const schemaMeetingEnd = `ALTER TABLE meetings ADD COLUMN ends_at INTEGER;`
