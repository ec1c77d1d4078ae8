package tickets

import (
	"strings"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// OpenTicket files tk and tells the people who should hear of it: the
// building's groups get a public line, its leaders who can be reached (or,
// without any, staff and admins) get it in private with a Claim button and
// its photos. It returns who was told. A ticket in an urgent category
// (tickets.urgent_categories) reaches them at once, day or night.
func (a *Tickets) OpenTicket(r *core.Req, tk storage.Ticket) (int64, Reached, error) {
	id, err := r.Tx.CreateTicket(tk, r.Now)
	if err != nil {
		return 0, Reached{}, err
	}
	if a.Cfg.Tickets.IsUrgent(tk.Category) {
		r.Urgent()
	}
	tk.ID, tk.State, tk.CreatedAt = id, storage.TicketOpen, r.Now
	chats, err := r.Tx.LinkedChats(tk.Building)
	if err != nil {
		return 0, Reached{}, err
	}
	ids := []int64{}
	for _, c := range chats {
		ids = append(ids, c.ID)
	}
	if tk.SourceChatID != 0 && !core.ContainsID(ids, tk.SourceChatID) {
		ids = append([]int64{tk.SourceChatID}, ids...)
	}
	for i, chat := range ids {
		outID, err := a.SendID(r.Tx, chat, a.groupLine(tk, r.Me.Name), a.groupButtons(tk), storage.PriorityNotice, "tk:"+core.Itoa(id), r.Now)
		if err != nil {
			return 0, Reached{}, err
		}
		if i == 0 {
			if err := r.Tx.SetTicketGroupOut(id, outID); err != nil {
				return 0, Reached{}, err
			}
		}
	}
	w, err := a.AlertLeaders(r, tk, r.Me.ID, "ticket.new")
	return id, w, err
}

// claimKeyboard is the Claim / Details pair in lang.
func (a *Tickets) claimKeyboard(lang string, tk storage.Ticket) telegram.Keyboard {
	return telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
		{Text: a.Cat.T(lang, "button.claim"), CallbackData: "tk:claim:" + core.Itoa(tk.ID)},
		{Text: a.Cat.T(lang, "button.details"), CallbackData: "tk:info:" + core.Itoa(tk.ID)},
	}}}
}

// TellFollowers sends a line about tk to its reporter and followers, each in
// their language, except the person who caused it.
func (a *Tickets) TellFollowers(r *core.Req, tk storage.Ticket, except int64, key string, args ...any) error {
	ids, err := r.Tx.TicketFollowers(tk.ID)
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
		if ok, err := a.maySeeByID(r.Tx, id, tk); err != nil || !ok {
			if err != nil {
				return err
			}
			continue // a follower who moved away from the building
		}
		if err := a.TellMember(r, id, nil, key, append([]any{a.headlineFor(r, id, tk)}, args...)...); err != nil {
			return err
		}
	}
	return nil
}

// headlineFor is tk's headline in person id's language.
func (a *Tickets) headlineFor(r *core.Req, id int64, tk storage.Ticket) string {
	lang := a.Cfg.Community.Language
	if m, err := r.Tx.Member(id); err == nil {
		lang = a.LangOf(m)
	}
	return a.Headline(lang, tk)
}

// groupLine is a ticket's public line in a building's group: never the
// name of a reporter who hid it, never a unit.
func (a *Tickets) groupLine(tk storage.Ticket, reporter string) string {
	lang := a.Cfg.Community.Language
	var b strings.Builder
	b.WriteString(a.KindLabel(lang, tk.Kind) + " " + a.Headline(lang, tk) + "\n")
	b.WriteString("“" + core.Quote(a.TicketText(lang, tk), 300) + "”\n")
	if !tk.HideName && reporter != "" {
		b.WriteString(a.Cat.T(lang, "ticket.reported_by", core.Esc(reporter)) + " · ")
	}
	b.WriteString(a.StateLabel(lang, tk.State))
	return b.String()
}

func (a *Tickets) groupButtons(tk storage.Ticket) any {
	lang := a.Cfg.Community.Language
	row := []telegram.Button{{Text: a.Cat.T(lang, "button.details"), CallbackData: "tk:info:" + core.Itoa(tk.ID)}}
	if !tk.State.Terminal() {
		label := a.Cat.T(lang, "button.metoo")
		if tk.Kind == storage.TicketKindWish {
			label = a.Cat.T(lang, "button.follow_wish") // nobody "has" a neighbour's wish too
		}
		row = append([]telegram.Button{{Text: label, CallbackData: "tk:me:" + core.Itoa(tk.ID)}}, row...)
	}
	return telegram.Keyboard{InlineKeyboard: [][]telegram.Button{row}}
}

// RefreshGroupLine brings the ticket's group line up to date: the queued
// message is rewritten, a sent one edited.
func (a *Tickets) RefreshGroupLine(r *core.Req, tk storage.Ticket) error {
	if a.watcher != nil {
		if err := a.watcher.TicketChanged(r, tk); err != nil {
			return err
		}
	}
	if tk.GroupOutID == 0 {
		return nil
	}
	rep, err := r.Tx.Member(tk.ReporterID)
	if err != nil && !core.IsNotFound(err) {
		return err
	}
	out, err := r.Tx.OutByID(tk.GroupOutID)
	if core.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	text, buttons := a.groupLine(tk, rep.Name), a.groupButtons(tk)
	if in, err := a.mediation.InMediation(r.Tx, tk.ID); err != nil {
		return err
	} else if in {
		text, buttons = a.mediation.MediationLine(tk), a.mediation.MediationGroupButtons(tk)
	}
	_, err = core.RefreshCopy(r.Tx, out, 0, text, buttons, storage.PriorityBulk, "", r.Now)
	return err
}
