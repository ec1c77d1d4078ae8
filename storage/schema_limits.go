package storage

// schemaLimits: the recent sends to each group, to find an answer already
// queued there (repeats of one question are answered once a minute).
const schemaLimits = `
CREATE INDEX outbox_group_recent ON outbox(chat_id, created_at) WHERE chat_id < 0;
`
