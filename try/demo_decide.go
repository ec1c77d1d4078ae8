package try

import (
	"time"

	"courtyard/commands"
	"courtyard/storage"
)

// seedDecide raises a proposal in building 3's group that three neighbours
// support, and asks building 3 a poll by household closing in three days.
func seedDecide(tx *storage.Tx, cmds *commands.App, now time.Time) error {
	p := storage.Proposal{MemberID: 3001, Building: "3", Title: "楼道加装扶手",
		Body: "3号楼没有电梯，老人上下楼不方便，希望每层楼梯都加装扶手。"}
	if _, err := cmds.PostProposal(tx.Context(), tx, p, []int64{3002, 2003}, now.Add(-2*24*time.Hour)); err != nil {
		return err
	}
	poll := storage.Poll{CreatedBy: 2003, Question: "楼道灯改成声控灯还是常亮？", Options: []string{"声控灯", "常亮", "都可以"},
		Per: storage.PollPerUnit, Buildings: []string{"3"}, Private: true, Groups: true, ClosesAt: now.Add(3 * 24 * time.Hour)}
	_, err := cmds.AskPoll(tx.Context(), tx, poll, now)
	return err
}
