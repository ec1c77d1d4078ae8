package storage

// schemaV4: indexes for looking people up by username and role, and for
// the ledger filtered by category alone.
const schemaV4 = `
CREATE INDEX members_username ON members(lower(username)) WHERE username <> '';
CREATE INDEX members_role ON members(role);
CREATE INDEX tickets_category_created ON tickets(category, created_at);
`
