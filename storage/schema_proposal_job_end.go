package storage

// schemaProposalJobEnd: how the volunteer job an accepted proposal became
// ended (empty until then, 'held' or 'cancelled'), set once so its proposer and
// supporters hear of it once.
const schemaProposalJobEnd = `ALTER TABLE proposals ADD COLUMN job_end TEXT NOT NULL DEFAULT ''
	CHECK (job_end IN ('', 'held', 'cancelled'));`
