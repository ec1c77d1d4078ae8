package app

import (
	"database/sql"
	"testing"

	"courtyard/bot/telegramtest"
)

// pdCount is how many messages chat has had.
func (h *harness) pdCount(chat int64) int { return len(h.tg.Messages(chat)) }

func TestBlockIgnoresAPersonEntirely(t *testing.T) {
	h := newHarness(t, nil)
	adm := h.user(adminID, "Boss", "en")
	stf := h.user(staffID, "Sue", "en")
	ann := h.user(2001, "Ann", "en")
	h.register(adm, "1", "101")
	h.register(stf, "1", "102")
	h.register(ann, "3", "502")
	h.say(adm, "/grant 1001 staff")
	h.expect(adm.ID, "Sue is now")
	menu := h.tg.Messages(ann.ID)[len(h.tg.Messages(ann.ID))-1]

	// Bad input first, each with one clear line.
	h.say(stf, "/block")
	h.expect(stf.ID, "Write: /block @user reason")
	h.say(stf, "/block 2001")
	h.expect(stf.ID, "Add a reason")
	h.say(stf, "/block 1000 spam")
	h.expect(stf.ID, "cannot be blocked")
	h.say(stf, "/block 1001 spam")
	h.expect(stf.ID, "cannot block yourself")
	h.say(stf, "/block 99999 spam")
	h.expect(stf.ID, "I don't know that person yet")
	h.say(ann, "/block 1001 revenge")
	h.expect(ann.ID, "may not use /block with your role")

	h.say(stf, "/block 2001 sends abuse at night")
	h.expect(stf.ID, "Ann (2001) is blocked")
	h.say(stf, "/block 2001 again")
	h.expect(stf.ID, "blocked already")
	h.say(stf, "/blocked")
	h.expect(stf.ID, "Blocked (1)", "Ann (2001) · Mon 2 Mar · sends abuse at night")

	// Ann is ignored: no replies, no effects, a press gets an empty answer.
	before := h.pdCount(ann.ID)
	h.say(ann, "/help")
	h.say(ann, "/report the lift is broken")
	h.say(ann, "hello?")
	h.tg.Press(ann, menu, "menu:my")
	h.tg.WaitCall(t, "answerCallbackQuery", func(c telegramtest.Call) bool {
		s, _ := c.Params["text"].(string)
		return s == "" && c.Params["callback_query_id"] != nil
	}, wait)
	h.settle()
	if after := h.pdCount(ann.ID); after != before {
		t.Errorf("a blocked person got %d messages", after-before)
	}
	h.pdSQL(func(db *sql.DB) error {
		var n int
		if err := db.QueryRow(`SELECT COUNT(*) FROM tickets`).Scan(&n); err != nil {
			return err
		}
		if n != 0 {
			t.Errorf("a blocked person filed %d tickets", n)
		}
		return nil
	})

	h.say(adm, "/audit block")
	h.expect(adm.ID, "block", "m:2001", "sends abuse at night")

	h.say(stf, "/unblock 2001")
	h.expect(stf.ID, "no longer blocked")
	h.say(stf, "/unblock 2001")
	h.expect(stf.ID, "is not blocked")
	h.say(ann, "/help")
	h.expect(ann.ID, "/mydata")
}
