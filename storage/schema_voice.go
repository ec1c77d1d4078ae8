package storage

// schemaVoice: voice notes kept on a ticket (Telegram file_ids with their
// kind and length, as JSON), passed on to those who handle it.
const schemaVoice = `
ALTER TABLE tickets ADD COLUMN voices TEXT NOT NULL DEFAULT '[]';
`
