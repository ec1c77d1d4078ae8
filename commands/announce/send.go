package announce

import (
	"encoding/json"

	"courtyard/commands/core"
	"courtyard/locale"
	"courtyard/storage"
	"courtyard/telegram"
)

// annText takes the announcement's text (or a photo with a caption), makes
// the draft and shows the preview: exactly what recipients will see, then
// Send / Pin and send / Cancel.
func (a *Announce) annText(r *core.Req, f storage.Flow) error {
	var d annData
	if err := json.Unmarshal([]byte(f.Data), &d); err != nil || f.Step != "text" {
		if err := r.Tx.EndFlow(r.Me.ID); err != nil {
			return err
		}
		return r.Reply(r.T("error.stale_button"), nil)
	}
	photo := core.LargestPhoto(r)
	text := core.CleanText(r.Text)
	if text == "" {
		return r.Reply(r.T("ann.empty"), telegram.ForceReply{ForceReply: true})
	}
	if over, limit := a.annOver(r, text, photo != ""); over > 0 {
		key := "ann.too_long.text"
		if photo != "" {
			key = "ann.too_long.caption"
		}
		return r.Reply(r.T(key, over, limit), telegram.ForceReply{ForceReply: true})
	}
	id, err := r.Tx.CreateAnnouncement(storage.Announcement{SenderID: r.Me.ID, Audience: d.Audience, Buildings: d.Buildings,
		TeamID: d.TeamID, Text: text, Photo: photo}, r.Now)
	if err != nil {
		return err
	}
	if err := r.Tx.EndFlow(r.Me.ID); err != nil {
		return err
	}
	ann, err := r.Tx.Announcement(id)
	if err != nil {
		return err
	}
	recips, err := a.Recipients(r, ann)
	if err != nil {
		return err
	}
	if err := a.deliver(r, ann, r.Chat.ID, r.Lang, storage.PriorityReply, "", false); err != nil {
		return err
	}
	row := []telegram.Button{{Text: r.T("ann.send", len(recips)), CallbackData: "an:send:" + core.Itoa(id)}}
	if ann.Audience == storage.AudienceGroups || ann.Audience == storage.AudienceBuildingGroups {
		row = append(row, telegram.Button{Text: r.T("ann.pin_send"), CallbackData: "an:pin:" + core.Itoa(id)})
	}
	kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{row, {{Text: r.T("button.cancel"), CallbackData: "an:cancel:" + core.Itoa(id)}}}}
	return r.Reply(r.N("ann.preview", len(recips), a.DescribeAudience(r, ann.Audience, ann.Buildings, ann.TeamID)), kb)
}

// annOver is by how much an announcement of text would pass Telegram's
// limit (a photo's caption, else a message) in the longest of its
// languages, counted as Telegram counts: UTF-16 units of the visible text,
// with the notice's heading and the sender's name. 0 when it fits.
func (a *Announce) annOver(r *core.Req, text string, photo bool) (over, limit int) {
	limit = telegram.MaxText
	if photo {
		limit = telegram.MaxCaption
	}
	sender := core.Esc(a.NameOf(r, r.Me.ID))
	for _, lang := range locale.Languages() {
		over = max(over, core.VisibleLen(a.Cat.T(lang, "ann.message", core.Esc(text), sender))-limit)
	}
	return over, limit
}

// Recipients works out who gets an announcement now.
func (a *Announce) Recipients(r *core.Req, ann storage.Announcement) ([]core.Recipient, error) {
	var out []core.Recipient
	people := func(ms []storage.Member, err error) ([]core.Recipient, error) {
		if err != nil {
			return nil, err
		}
		for _, m := range ms {
			ok, err := a.Reachable(r.Tx, m)
			if err != nil {
				return nil, err
			}
			if ok {
				out = append(out, core.Recipient{Chat: m.ID, Lang: a.LangOf(m)})
			}
		}
		return out, nil
	}
	switch ann.Audience {
	case storage.AudienceGroups, storage.AudienceBuildingGroups:
		chats, err := r.Tx.LinkedChats(ann.Buildings...)
		if err != nil {
			return nil, err
		}
		for _, c := range chats {
			out = append(out, core.Recipient{Chat: c.ID, Lang: a.Cfg.Community.Language})
		}
		return out, nil
	case storage.AudienceResidents, storage.AudienceBuildingPersons:
		return people(r.Tx.Residents(ann.Buildings...))
	case storage.AudienceLeaders:
		return people(r.Tx.MembersWithRole(storage.RoleLeader))
	case storage.AudienceTeam:
		ids, err := r.Tx.TeamMemberIDs(ann.TeamID)
		if err != nil {
			return nil, err
		}
		var ms []storage.Member
		for _, id := range ids {
			m, err := r.Tx.Member(id)
			if err != nil {
				return nil, err
			}
			ms = append(ms, m)
		}
		return people(ms, nil)
	}
	return nil, nil
}

// deliver queues the announcement to one chat.
func (a *Announce) deliver(r *core.Req, ann storage.Announcement, chat int64, lang string, prio int, ref string, pin bool) error {
	return a.DeliverAck(r, ann, chat, lang, prio, ref, pin, true)
}

// DeliverAck queues the announcement to one chat, with the Read ✓ button
// if ack.
func (a *Announce) DeliverAck(r *core.Req, ann storage.Announcement, chat int64, lang string, prio int, ref string, pin, ack bool) error {
	sender := a.NameOf(r, ann.SenderID)
	text := a.Cat.T(lang, "ann.message", core.Esc(ann.Text), core.Esc(sender))
	var kb any
	if ack {
		kb = telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{{Text: a.Cat.T(lang, "ann.ack"), CallbackData: "an:ack:" + core.Itoa(ann.ID)}}}}
	}
	m := storage.OutMsg{ChatID: chat, Priority: prio, Ref: ref}
	if pin && chat < 0 {
		m.After = "pin"
	}
	if ann.Photo != "" {
		m.Method = "sendPhoto"
		m.Payload = telegram.Marshal(telegram.SendPhoto{ChatID: chat, Photo: ann.Photo, Caption: core.FitTo(text, telegram.MaxCaption), ParseMode: "HTML", ReplyMarkup: kb})
	} else {
		m.Method = "sendMessage"
		m.Payload = telegram.Marshal(telegram.SendMessage{ChatID: chat, Text: core.Fit(text), ParseMode: "HTML", ReplyMarkup: kb,
			LinkPreviewOptions: &telegram.LinkPreviewOptions{IsDisabled: true}})
	}
	_, err := r.Tx.Enqueue(m, r.Now)
	return err
}

// finishAnnouncement takes Send, Pin and send, and Cancel. The press is
// authorised again: only the draft's author, still allowed to reach that
// audience, can send it, and only once.
func (a *Announce) finishAnnouncement(r *core.Req, verb, arg string) error {
	ann, ok, err := a.pressedAnnouncement(r, arg)
	if !ok || err != nil {
		return err
	}
	id := ann.ID
	if ann.SenderID != r.Me.ID || !a.MayAnnounce(r, ann) {
		return r.Toast(r.T("ann.not_yours"))
	}
	if ann.State != "draft" {
		return r.Toast(r.T("ann.already", r.T("ann.state."+ann.State)))
	}
	if verb == "cancel" {
		if _, err := r.Tx.FinishAnnouncement(id, "cancelled", false, 0, r.Now); err != nil {
			return err
		}
		return r.Edit(r.T("ann.cancelled"), nil)
	}
	n, ok, err := a.SendAnnouncement(r, ann, verb == "pin", true)
	if err != nil || !ok {
		if err == nil {
			err = r.Toast(r.T("ann.already", r.T("ann.state.sent")))
		}
		return err
	}
	if err := r.Toast(r.T("ann.sending_toast")); err != nil {
		return err
	}
	return r.Edit(r.N("ann.sending", n, id), nil)
}

// SendAnnouncement moves a draft to sent and queues it to everyone in its
// audience, with its delivery record, all in r's transaction: once that
// commits, the outbox sends each copy once. It reports the number of
// recipients, and false when the draft had been sent or cancelled already.
// ack puts the Read ✓ button under it.
func (a *Announce) SendAnnouncement(r *core.Req, ann storage.Announcement, pin, ack bool) (int, bool, error) {
	recips, err := a.Recipients(r, ann)
	if err != nil {
		return 0, false, err
	}
	if ok, err := r.Tx.FinishAnnouncement(ann.ID, "sent", pin, len(recips), r.Now); err != nil || !ok {
		return 0, false, err
	}
	ref := "ann:" + core.Itoa(ann.ID)
	a.Audit(r, "announce", ref, map[string]any{"recipients": len(recips), "pin": pin})
	for _, rc := range recips {
		if err := r.Tx.AddAnnouncementRecipient(ann.ID, rc.Chat); err != nil {
			return 0, false, err
		}
		prio := storage.PriorityBulk
		if rc.Chat < 0 {
			prio = storage.PriorityNotice // ahead of answers to questions in the group
		}
		if err := a.DeliverAck(r, ann, rc.Chat, rc.Lang, prio, ref, pin, ack); err != nil {
			return 0, false, err
		}
	}
	return len(recips), true, nil
}

// MayAnnounce checks the presser may still reach the announcement's audience.
func (a *Announce) MayAnnounce(r *core.Req, ann storage.Announcement) bool {
	if !core.ContainsStr(a.Audiences(r), ann.Audience) {
		return false
	}
	allowed := a.AnnounceBuildings(r)
	for _, b := range ann.Buildings {
		if !core.ContainsStr(allowed, b) {
			return false
		}
	}
	return true
}

// acknowledge takes the "read" button under an announcement.
func (a *Announce) acknowledge(r *core.Req, arg string) error {
	ann, ok, err := a.pressedAnnouncement(r, arg)
	if !ok || err != nil {
		return err
	}
	id := ann.ID
	if ann.State != "sent" {
		return r.Toast(r.T("ann.preview_ack"))
	}
	// Only a press on a copy the announcement was sent to counts: in the
	// presser's private chat or in a group it went to.
	if sent, err := r.Tx.IsAnnouncementRecipient(id, r.Chat.ID); err != nil || !sent {
		if err != nil {
			return err
		}
		return r.Toast(r.T("ann.ack_not_recipient"))
	}
	added, err := r.Tx.Acknowledge(id, r.Me.ID, r.Now)
	if err != nil {
		return err
	}
	if !added {
		return r.Toast(r.T("ann.acked_again"))
	}
	return r.Toast(r.T("ann.acked"))
}

// pressedAnnouncement reads the announcement a button names; ok is false,
// and the press answered as stale, when there is none.
func (a *Announce) pressedAnnouncement(r *core.Req, arg string) (storage.Announcement, bool, error) {
	id, ok := core.IdArg(arg)
	if !ok {
		return storage.Announcement{}, false, r.Toast(r.T("error.stale_button"))
	}
	ann, err := r.Tx.Announcement(id)
	if core.IsNotFound(err) {
		return ann, false, r.Toast(r.T("error.stale_button"))
	}
	return ann, err == nil, err
}
