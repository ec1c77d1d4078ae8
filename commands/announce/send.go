package announce

import (
	"courtyard/commands/core"
	"courtyard/locale"
	"courtyard/storage"
	"courtyard/telegram"
)

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
	_, err := a.Enqueue(r.Tx, m, r.Now)
	return err
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
		if rc.Chat > 0 && ann.ScheduleID != 0 {
			// A person gets a few scheduled notices a day; the rest wait
			// for the day's digest.
			over, err := a.overDailyLimit(r, rc.Chat)
			if err != nil {
				return 0, false, err
			}
			if over {
				if err := a.holdForDigest(r, rc.Chat, ann.ID); err != nil {
					return 0, false, err
				}
				continue
			}
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
	if (ann.Audience == storage.AudienceBuildingGroups || ann.Audience == storage.AudienceBuildingPersons) && len(ann.Buildings) == 0 {
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

// acknowledge takes the "read" button under an announcement; under a
// preview (no announcement yet, id 0) it counts nothing.
func (a *Announce) acknowledge(r *core.Req, arg string) error {
	if arg == "0" {
		return r.Toast(r.T("ann.preview_ack"))
	}
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
