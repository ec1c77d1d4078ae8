package core

import (
	"time"

	"courtyard/storage"
	"courtyard/telegram"
)

// RefreshCopy brings one posted copy of a message (the outbox row out) up
// to date, with at most one pending change per copy: a copy not yet sent is
// rewritten; a sent one gets an edit, and while an earlier edit (editOutID,
// 0 when none is kept) still waits in the outbox it is rewritten instead.
// It returns the id of the edit it queued, 0 when it queued none.
func RefreshCopy(tx *storage.Tx, out storage.OutMsg, editOutID int64, text string, markup any, prio int, ref string, now time.Time) (int64, error) {
	send := telegram.SendMessage{ChatID: out.ChatID, Text: Fit(text), ParseMode: "HTML", ReplyMarkup: markup,
		LinkPreviewOptions: &telegram.LinkPreviewOptions{IsDisabled: true}}
	replaced, err := tx.ReplacePending(out.ID, telegram.Marshal(send))
	if err != nil || replaced || out.State != storage.OutSent || out.MessageID == 0 {
		return 0, err
	}
	edit := telegram.Marshal(telegram.EditMessageText{ChatID: out.ChatID, MessageID: out.MessageID, Text: send.Text,
		ParseMode: "HTML", ReplyMarkup: markup, LinkPreviewOptions: send.LinkPreviewOptions})
	if editOutID != 0 {
		if replaced, err := tx.ReplacePending(editOutID, edit); err != nil || replaced {
			return 0, err
		}
	}
	// With a ref the sender reads the row when it sends it, and sends it
	// again if it was rewritten meanwhile.
	return tx.Enqueue(storage.OutMsg{ChatID: out.ChatID, Method: "editMessageText", Payload: edit, Priority: prio, Ref: ref}, now)
}
