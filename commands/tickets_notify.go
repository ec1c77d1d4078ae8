package commands

import (
	"strings"
	"time"

	"courtyard/storage"
	"courtyard/telegram"
)

// openTicket files tk and tells the people who should hear of it: the
// building's groups get a public line, its leaders who can be reached (or,
// without any, staff and admins) get it in private with a Claim button and
// its photos. It returns who was told.
func (a *App) openTicket(r *req, tk storage.Ticket) (int64, reached, error) {
	id, err := r.tx.CreateTicket(tk, r.now)
	if err != nil {
		return 0, reached{}, err
	}
	tk.ID, tk.State, tk.CreatedAt = id, storage.TicketOpen, r.now
	chats, err := r.tx.LinkedChats(tk.Building)
	if err != nil {
		return 0, reached{}, err
	}
	ids := []int64{}
	for _, c := range chats {
		ids = append(ids, c.ID)
	}
	if tk.SourceChatID != 0 && !containsID(ids, tk.SourceChatID) {
		ids = append([]int64{tk.SourceChatID}, ids...)
	}
	for i, chat := range ids {
		outID, err := a.sendID(r.tx, chat, a.groupLine(tk, r.me.Name), a.groupButtons(tk), storage.PriorityNotice, "tk:"+itoa(id), r.now)
		if err != nil {
			return 0, reached{}, err
		}
		if i == 0 {
			if err := r.tx.SetTicketGroupOut(id, outID); err != nil {
				return 0, reached{}, err
			}
		}
	}
	w, err := a.alertLeaders(r, tk, r.me.ID, "ticket.new")
	return id, w, err
}

// claimKeyboard is the Claim / Details pair in lang.
func (a *App) claimKeyboard(lang string, tk storage.Ticket) telegram.Keyboard {
	return telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
		{Text: a.cat.T(lang, "button.claim"), CallbackData: "tk:claim:" + itoa(tk.ID)},
		{Text: a.cat.T(lang, "button.details"), CallbackData: "tk:info:" + itoa(tk.ID)},
	}}}
}

// staff are the staff members and the configured admins the bot knows.
func (a *App) staff(tx *storage.Tx) ([]storage.Member, error) {
	people, err := tx.MembersWithRole(storage.RoleStaff)
	if err != nil {
		return nil, err
	}
	for _, id := range a.cfg.Admins {
		m, err := tx.Member(id)
		if isNotFound(err) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if m.Role != storage.RoleStaff {
			people = append(people, m)
		}
	}
	return people, nil
}

// canDM reports whether the bot can write to a registered resident in
// private: they registered there and did not block it. People who need not
// register (staff, admins, assignees) are checked with reachable.
func canDM(m storage.Member) bool { return m.Active && m.Registered() }

// tellFollowers sends a line about tk to its reporter and followers, each in
// their language, except the person who caused it.
func (a *App) tellFollowers(r *req, tk storage.Ticket, except int64, key string, args ...any) error {
	ids, err := r.tx.TicketFollowers(tk.ID)
	if err != nil {
		return err
	}
	ids = append([]int64{tk.ReporterID}, ids...)
	seen := map[int64]bool{except: true}
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		if ok, err := a.maySeeByID(r.tx, id, tk); err != nil || !ok {
			if err != nil {
				return err
			}
			continue // a follower who moved away from the building
		}
		if err := a.tellMember(r, id, nil, key, append([]any{a.headlineFor(r, id, tk)}, args...)...); err != nil {
			return err
		}
	}
	return nil
}

// tellMember sends a catalog message to one person in their language.
func (a *App) tellMember(r *req, id int64, markup any, key string, args ...any) error {
	_, err := a.tellTo(r, id, markup, key, args...)
	return err
}

// tellTo is tellMember reporting whether the person could be reached.
func (a *App) tellTo(r *req, id int64, markup any, key string, args ...any) (bool, error) {
	m, err := r.tx.Member(id)
	if isNotFound(err) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if ok, err := a.reachable(r.tx, m); err != nil || !ok {
		return false, err
	}
	lang := a.langOf(m)
	return true, a.send(r.tx, m.ID, a.cat.T(lang, key, localize(lang, args)...), markup, storage.PriorityReply, r.now)
}

// headlineFor is tk's headline in person id's language.
func (a *App) headlineFor(r *req, id int64, tk storage.Ticket) string {
	lang := a.cfg.Community.Language
	if m, err := r.tx.Member(id); err == nil {
		lang = a.langOf(m)
	}
	return a.headline(lang, tk)
}

// groupLine is a ticket's public line in a building's group: never the
// name of a reporter who hid it, never a unit.
func (a *App) groupLine(tk storage.Ticket, reporter string) string {
	lang := a.cfg.Community.Language
	var b strings.Builder
	b.WriteString(a.kindLabel(lang, tk.Kind) + " " + a.headline(lang, tk) + "\n")
	b.WriteString("“" + quote(a.ticketText(lang, tk), 300) + "”\n")
	if !tk.HideName && reporter != "" {
		b.WriteString(a.cat.T(lang, "ticket.reported_by", esc(reporter)) + " · ")
	}
	b.WriteString(a.stateLabel(lang, tk.State))
	return b.String()
}

func (a *App) groupButtons(tk storage.Ticket) any {
	lang := a.cfg.Community.Language
	row := []telegram.Button{{Text: a.cat.T(lang, "button.details"), CallbackData: "tk:info:" + itoa(tk.ID)}}
	if !tk.State.Terminal() {
		label := a.cat.T(lang, "button.metoo")
		if tk.Kind == storage.TicketKindWish {
			label = a.cat.T(lang, "button.follow_wish") // nobody "has" a neighbour's wish too
		}
		row = append([]telegram.Button{{Text: label, CallbackData: "tk:me:" + itoa(tk.ID)}}, row...)
	}
	return telegram.Keyboard{InlineKeyboard: [][]telegram.Button{row}}
}

// refreshGroupLine brings the ticket's group line up to date: the queued
// message is rewritten, a sent one edited.
func (a *App) refreshGroupLine(r *req, tk storage.Ticket) error {
	if tk.GroupOutID == 0 {
		return nil
	}
	rep, err := r.tx.Member(tk.ReporterID)
	if err != nil && !isNotFound(err) {
		return err
	}
	out, err := r.tx.OutByID(tk.GroupOutID)
	if isNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	text, buttons := a.groupLine(tk, rep.Name), a.groupButtons(tk)
	if in, err := a.inMediation(r.tx, tk.ID); err != nil {
		return err
	} else if in {
		text, buttons = a.mediationLine(tk), a.mediationGroupButtons(tk)
	}
	_, err = refreshCopy(r.tx, out, 0, text, buttons, storage.PriorityBulk, "", r.now)
	return err
}

// sendID queues an HTML message and returns its outbox id.
// ref names what the message belongs to; messages with a ref are kept when
// old ones are pruned.
func (a *App) sendID(tx *storage.Tx, chatID int64, text string, markup any, prio int, ref string, now time.Time) (int64, error) {
	p := telegram.SendMessage{ChatID: chatID, Text: fit(text), ParseMode: "HTML", ReplyMarkup: markupOrNil(markup),
		LinkPreviewOptions: &telegram.LinkPreviewOptions{IsDisabled: true}}
	return tx.Enqueue(storage.OutMsg{ChatID: chatID, Method: "sendMessage", Payload: telegram.Marshal(p), Priority: prio, Ref: ref}, now)
}

func containsID(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}
