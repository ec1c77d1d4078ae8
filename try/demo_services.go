package try

import (
	"time"

	"courtyard/commands"
	"courtyard/storage"
)

// seedServices gives the services desk something to show: 王阿姨's
// booking at the next weekday's office hours, Li Wei's application for
// medical assistance half-way through its steps (Emma handles it), and
// 陈大爷's allowance being publicised in building 6's group and the
// community's, open for objections.
func seedServices(tx *storage.Tx, cmds *commands.App, now time.Time) error {
	day := now.AddDate(0, 0, 1)
	for day.Weekday() == time.Saturday || day.Weekday() == time.Sunday {
		day = day.AddDate(0, 0, 1)
	}
	at := time.Date(day.Year(), day.Month(), day.Day(), 9, 30, 0, 0, now.Location())
	if _, err := cmds.PlanBooking(tx, 3001, "dibao", at, 0, now); err != nil {
		return err
	}
	filed := now.AddDate(0, 0, -5)
	id, err := cmds.FileCase(tx, storage.Case{Service: "medical", MemberID: 3002, ForWhom: "parent", Phone: "（演示）139 0000 0003",
		Situation: "My mother had a stroke in January; the hospital bills are over 60,000 yuan.", Building: "3", Household: 3}, nil, filed)
	if err != nil {
		return err
	}
	c, err := tx.Case(id)
	if err != nil {
		return err
	}
	c.Step, c.AssigneeID = 1, 1002
	if err := tx.UpdateCase(c, filed.Add(48*time.Hour)); err != nil {
		return err
	}
	id, err = cmds.FileCase(tx, storage.Case{Service: "dibao", MemberID: 3003, ForWhom: "self", Phone: "（演示）139 0000 0001",
		Situation: "独居，退休金很少，看病花销大。", Building: "6", Household: 1}, nil, now.AddDate(0, 0, -20))
	if err != nil {
		return err
	}
	if c, err = tx.Case(id); err != nil {
		return err
	}
	c.Step, c.State, c.AssigneeID, c.Reason = 2, storage.CasePublicity, adminID, "符合低保条件"
	if err := tx.UpdateCase(c, now); err != nil {
		return err
	}
	chats, err := tx.LinkedChats()
	if err != nil {
		return err
	}
	var to []storage.Chat
	for _, ch := range chats {
		if ch.Community || ch.Building == "6" {
			to = append(to, ch)
		}
	}
	text := cmds.Cat.T("zh", "services.notice_case", "陈**", 1, cmds.Cat.T("zh", "ledger.building", "6"), "最低生活保障（低保）")
	until := time.Date(now.Year(), now.Month(), now.Day(), 23, 59, 0, 0, now.Location()).AddDate(0, 0, 7)
	_, err = cmds.PostNotice(tx, storage.Notice{CaseID: id, Text: text, Until: until, CreatedBy: adminID}, to, now)
	return err
}
