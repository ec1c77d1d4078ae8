package storage

import "fmt"

// How the volunteer job an accepted proposal became ended (Proposal.JobEnd).
const (
	ProposalJobHeld      = "held"      // its end passed, or its attendance was marked
	ProposalJobCancelled = "cancelled" // it was cancelled
)

// ProposalsOfJob are the accepted proposals that became volunteer job id,
// linked to it or to the meeting decision it was made of.
func (t ProposalsTx) ProposalsOfJob(job int64) ([]Proposal, error) {
	return queryAll(t, "proposals of job", scanProposal, `SELECT `+proposalCols+` FROM proposals
		WHERE job_id = ?1 OR decision_id IN (SELECT id FROM meeting_decisions WHERE job_id = ?1) ORDER BY id`, job)
}

// EndProposalJob records how the job proposal id became ended; false when
// an end was already recorded.
func (t ProposalsTx) EndProposalJob(id int64, end string) (bool, error) {
	res, err := t.q.ExecContext(t.ctx, `UPDATE proposals SET job_end = ? WHERE id = ? AND job_end = ''`, end, id)
	if err != nil {
		return false, fmt.Errorf("storage: proposal %d job %s: %w", id, end, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}
