package proposals

import (
	"fmt"
	"strings"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// maxListed is how many proposals /proposals shows.
const maxListed = 20

// List is /proposals: the open proposals, the most supported first, each
// with a button to its page.
func (a *Proposals) List(r *core.Req) error {
	ps, err := r.Tx.OpenProposals()
	if err != nil {
		return err
	}
	if len(ps) == 0 {
		return r.Reply(r.T("pp.none"), nil)
	}
	var b strings.Builder
	b.WriteString(r.T("pp.list_head"))
	var rows [][]telegram.Button
	var row []telegram.Button
	for i, p := range ps {
		if i == maxListed {
			b.WriteString("\n" + r.T("pp.list_more", len(ps)-maxListed))
			break
		}
		fmt.Fprintf(&b, "\n%d. %s · %s", i+1, r.T("pp.headline", p.ID, core.Esc(a.whereLabel(r.Lang, p.Building)), core.Esc(p.Title)),
			r.N("pp.count", p.Supports))
		if st := a.stateLine(r.Lang, p); st != "" {
			b.WriteString(" · " + st)
		}
		row = append(row, telegram.Button{Text: "#" + core.Itoa(p.ID), CallbackData: "pp:v:" + core.Itoa(p.ID)})
		if len(row) == 4 {
			rows, row = append(rows, row), nil
		}
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	return r.Reply(b.String(), telegram.Keyboard{InlineKeyboard: rows})
}

// view is a proposal's page: what it says, who raised it (when the reader
// may see it), its support and where it stands; Support for those who may,
// Merge and Decline for those who manage it.
func (a *Proposals) view(r *core.Req) error {
	p, ok, err := pressed(r)
	if err != nil || !ok {
		if err == nil {
			err = r.Toast(r.T("error.stale_button"))
		}
		return err
	}
	if err := r.Toast(""); err != nil {
		return err
	}
	return r.Reply(a.page(r, p), a.pageButtons(r, p))
}

func (a *Proposals) page(r *core.Req, p storage.Proposal) string {
	var b strings.Builder
	fmt.Fprintf(&b, "💡 %s\n", r.T("pp.headline", p.ID, core.Esc(a.whereLabel(r.Lang, p.Building)), core.Esc(p.Title)))
	if p.Body != "" {
		b.WriteString("“" + core.Quote(p.Body, 1000) + "”\n")
	}
	if p.Voice != "" {
		b.WriteString(r.T("pp.has_voice") + "\n")
	}
	if nameShown(r, p) {
		b.WriteString(r.T("pp.by", core.Esc(a.NameOf(r, p.MemberID))) + " · ")
	}
	b.WriteString(r.N("pp.count", p.Supports))
	if st := a.stateLine(r.Lang, p); st != "" {
		b.WriteString("\n" + st)
	}
	if extra, err := a.progress(r.Tx, r.Lang, p); err == nil {
		b.WriteString(extra)
	}
	return b.String()
}

func (a *Proposals) pageButtons(r *core.Req, p storage.Proposal) any {
	id := core.Itoa(p.ID)
	var row []telegram.Button
	if supportRefusal(r.Me, p) == "" {
		row = append(row, telegram.Button{Text: r.T("pp.button.support"), CallbackData: "pp:s:" + id})
	}
	if p.Voice != "" {
		row = append(row, telegram.Button{Text: r.T("pp.button.voice"), CallbackData: "pp:a:" + id})
	}
	rows := [][]telegram.Button{}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	if mayManage(r, p) && (p.State == storage.ProposalOpen || p.State == storage.ProposalPostponed) {
		rows = append(rows, []telegram.Button{
			{Text: r.T("pp.button.merge"), CallbackData: "pp:m:" + id},
			{Text: r.T("pp.button.decline"), CallbackData: "pp:d:" + id},
		})
	}
	if mayManage(r, p) && p.State == storage.ProposalAgenda {
		rows = append(rows, []telegram.Button{{Text: r.T("pp.button.outcome"), CallbackData: "pp:o:" + id}})
	}
	if len(rows) == 0 {
		return nil
	}
	return telegram.Keyboard{InlineKeyboard: rows}
}

// voice sends the proposal's voice note to the reader.
func (a *Proposals) voice(r *core.Req) error {
	p, ok, err := pressed(r)
	if err != nil || !ok || p.Voice == "" {
		if err == nil {
			err = r.Toast(r.T("error.stale_button"))
		}
		return err
	}
	if err := r.Toast(""); err != nil {
		return err
	}
	send := telegram.SendVoice{ChatID: r.Me.ID, Voice: p.Voice, Caption: "💡 #" + core.Itoa(p.ID)}
	_, err = r.Tx.Enqueue(storage.OutMsg{ChatID: r.Me.ID, Method: "sendVoice", Payload: telegram.Marshal(send), Priority: storage.PriorityReply}, r.Now)
	return err
}
