package core

import (
	"time"

	"courtyard/storage"
	"courtyard/telegram"
)

// groupAnswer queues an answer to something asked in a group. A group gets
// 20 messages a minute from the bot, for everything together, so an answer
// already queued there in the last minute is not queued again: the one on
// its way answers the repeat too. Answers wait behind the group's notices
// (storage.PriorityNotice).
func (a *Core) groupAnswer(r *Req, text string, markup any) error {
	p := telegram.SendMessage{ChatID: r.Chat.ID, Text: Fit(text), ParseMode: "HTML", ReplyMarkup: markupOrNil(markup),
		LinkPreviewOptions: &telegram.LinkPreviewOptions{IsDisabled: true}}
	payload := telegram.Marshal(p)
	dup, err := r.Tx.SentToGroupSince(r.Chat.ID, "sendMessage", payload, r.Now.Add(-time.Minute))
	if err != nil || dup {
		return err
	}
	_, err = r.Tx.Enqueue(storage.OutMsg{ChatID: r.Chat.ID, Method: "sendMessage", Payload: payload, Priority: storage.PriorityReply}, r.Now)
	return err
}
