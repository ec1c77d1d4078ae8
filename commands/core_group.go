package commands

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
func (a *App) groupAnswer(r *req, text string, markup any) error {
	p := telegram.SendMessage{ChatID: r.chat.ID, Text: fit(text), ParseMode: "HTML", ReplyMarkup: markupOrNil(markup),
		LinkPreviewOptions: &telegram.LinkPreviewOptions{IsDisabled: true}}
	payload := telegram.Marshal(p)
	dup, err := r.tx.SentToGroupSince(r.chat.ID, "sendMessage", payload, r.now.Add(-time.Minute))
	if err != nil || dup {
		return err
	}
	_, err = r.tx.Enqueue(storage.OutMsg{ChatID: r.chat.ID, Method: "sendMessage", Payload: payload, Priority: storage.PriorityReply}, r.now)
	return err
}
