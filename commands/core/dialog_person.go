package core

import (
	"strconv"
	"strings"

	"github.com/go-telegram/bot/models"

	"courtyard/storage"
	"courtyard/telegram"
)

// perPage is how many people a person step shows at once.
const perPage = 8

// PersonStep chooses one person among People (the team's members, a
// building's residents, the people on a shift: People is what decides who
// may be chosen), shown as buttons, perPage a page with ‹ › to page. The
// person may also type a name, a username or a unit to narrow the list,
// an @username or a numeric id, reply to (or forward) a message of the
// one they mean: whoever they name must be in the list. Show is the name
// on a button, as the capability allows (nil: the member's name). The
// answer is the member's id (Values.Int).
//
// Extra are buttons after the people that answer without a person ("no
// rotation", "that's all"): the answer is the option's Key
// (Values.String), and typing its words picks it too. Other reads typed
// text that names nobody on the list (someone who never registered,
// written by name) into the answer stored, or refuses it with what to
// say; without it such text is answered "nobody matches". An answer
// typed so is read again after a correction.
type PersonStep struct {
	Name   string
	Label  string // catalog key naming the step in "what to change"
	Ask    func(*Req, Values) string
	People func(r *Req, v Values) ([]storage.Member, error)
	Show   func(*Req, storage.Member) string
	Extra  func(*Req, Values) []Option
	Other  func(r *Req, v Values, text string) (answer any, refusal string)
}

func (p PersonStep) stepName() string  { return p.Name }
func (p PersonStep) stepLabel() string { return p.Label }
func (PersonStep) verbs() []string     { return []string{"k", "o", "p", "q"} }
func (PersonStep) active(Values) bool  { return true }

func (p PersonStep) show(r *Req, m storage.Member) string {
	if p.Show != nil {
		return p.Show(r, m)
	}
	if m.Name == "" {
		return "#" + Itoa(m.ID)
	}
	return m.Name
}

func (p PersonStep) extras(r *Req, v Values) []Option {
	if p.Extra == nil {
		return nil
	}
	return p.Extra(r, v)
}

func (p PersonStep) extra(r *Req, v Values, key string) (Option, bool) {
	for _, o := range p.extras(r, v) {
		if o.Key == key {
			return o, true
		}
	}
	return Option{}, false
}

func (p PersonStep) keep(r *Req, s *session) bool {
	if in, typed := s.data.In[p.Name]; typed && p.Other != nil {
		val, refusal := p.Other(r, s.data.V, in)
		return refusal == "" && s.set(p.Name, val, in) == nil
	}
	if key := s.data.V.String(p.Name); key != "" {
		_, ok := p.extra(r, s.data.V, key)
		return ok
	}
	people, err := p.People(r, s.data.V)
	_, ok := memberIn(people, s.data.V.Int(p.Name))
	return err == nil && ok
}

func memberIn(people []storage.Member, id int64) (storage.Member, bool) {
	for _, m := range people {
		if m.ID == id && id != 0 {
			return m, true
		}
	}
	return storage.Member{}, false
}

func (p PersonStep) ask(r *Req, s *session, edit bool) error {
	people, err := p.People(r, s.data.V)
	if err != nil {
		return err
	}
	list := searchPeople(people, s.data.Q)
	pages := max(1, (len(list)+perPage-1)/perPage)
	page := min(max(s.data.Page, 0), pages-1)
	text := p.Ask(r, s.data.V)
	switch {
	case len(people) == 0:
		text += "\n" + r.T("dialog.person_nobody")
	case s.data.Q != "":
		text += "\n" + r.N("dialog.person_found", len(list), Esc(s.data.Q))
	default:
		text += "\n" + r.T("dialog.person_hint")
	}
	if pages > 1 {
		text += "\n" + r.T("dialog.person_page", page+1, pages)
	}
	var btns []telegram.Button
	for _, m := range list[page*perPage : min(len(list), (page+1)*perPage)] {
		btns = append(btns, s.button(p.show(r, m), "k", Itoa(m.ID)))
	}
	rows := inRows(btns, 2)
	var more []telegram.Button
	for _, o := range p.extras(r, s.data.V) {
		more = append(more, s.button(o.Text(r.Lang), "o", o.Key))
	}
	rows = append(rows, inRows(more, 0)...)
	var nav []telegram.Button
	if page > 0 {
		nav = append(nav, s.button("‹", "p", strconv.Itoa(page-1)))
	}
	if s.data.Q != "" {
		nav = append(nav, s.button(r.T("dialog.person_all"), "q", ""))
	}
	if page < pages-1 {
		nav = append(nav, s.button("›", "p", strconv.Itoa(page+1)))
	}
	if len(nav) > 0 {
		rows = append(rows, nav)
	}
	return s.show(r, text, append(rows, s.navRow(r)), edit)
}

// searchPeople narrows people to those whose name holds q, whose username
// is q (with or without @), or whose unit is q ("502", "3-502", "3栋502").
func searchPeople(people []storage.Member, q string) []storage.Member {
	w := Fold(q)
	if w == "" {
		return people
	}
	user := strings.TrimPrefix(w, "@")
	var out []storage.Member
	for _, m := range people {
		unit := Fold(m.Unit)
		switch {
		case strings.Contains(Fold(m.Name), w), m.Username != "" && strings.EqualFold(m.Username, user),
			unit != "" && (w == unit || w == Fold(m.Building)+"-"+unit || w == Fold(m.Building)+"栋"+unit):
			out = append(out, m)
		}
	}
	return out
}

// named is the person a message names outright: the author of the
// message it replies to or forwards; 0 when none.
func named(msg *models.Message) int64 {
	switch {
	case msg == nil:
	case msg.ReplyToMessage != nil && msg.ReplyToMessage.From != nil && !msg.ReplyToMessage.From.IsBot &&
		(msg.From == nil || msg.ReplyToMessage.From.ID != msg.From.ID):
		return msg.ReplyToMessage.From.ID
	case msg.ExternalReply != nil && msg.ExternalReply.Origin.MessageOriginUser != nil:
		return msg.ExternalReply.Origin.MessageOriginUser.SenderUser.ID
	case msg.ForwardOrigin != nil && msg.ForwardOrigin.MessageOriginUser != nil:
		return msg.ForwardOrigin.MessageOriginUser.SenderUser.ID
	}
	return 0
}

func (p PersonStep) typed(r *Req, s *session, text string) (bool, error) {
	people, err := p.People(r, s.data.V)
	if err != nil {
		return false, err
	}
	if id := named(r.Msg); id != 0 {
		if m, ok := memberIn(people, id); ok {
			return true, p.take(r, s, m)
		}
		s.note = r.T("dialog.person_not_listed")
		return false, p.ask(r, s, false)
	}
	if o, ok := pickWords(p.extras(r, s.data.V), text); ok {
		s.note = r.T("dialog.picked", Esc(o.Text(r.Lang)))
		return true, s.set(p.Name, o.Key, "")
	}
	if id, ok := IdArg(Fold(text)); ok {
		if m, ok := memberIn(people, id); ok {
			return true, p.take(r, s, m)
		}
	}
	if Fold(text) == "" {
		s.note = r.T("dialog.tap")
		return false, p.ask(r, s, false)
	}
	found := searchPeople(people, text)
	if len(found) == 1 && strings.HasPrefix(text, "@") {
		return true, p.take(r, s, found[0])
	}
	if len(found) == 0 && p.Other != nil {
		val, refusal := p.Other(r, s.data.V, text)
		if refusal == "" {
			return true, s.set(p.Name, val, text)
		}
		s.data.Q, s.data.Page = "", 0
		s.note = refusal
		return false, s.again(r, false)
	}
	if len(found) == 0 {
		s.data.Q, s.data.Page = "", 0
		s.note = r.T("dialog.person_none", Esc(LimitRunes(text, 40)))
		return false, s.again(r, false)
	}
	s.data.Q, s.data.Page = LimitRunes(text, 40), 0
	return false, s.again(r, false)
}

// take answers the step with m, saying who was understood.
func (p PersonStep) take(r *Req, s *session, m storage.Member) error {
	s.note = r.T("dialog.picked", Esc(p.show(r, m)))
	return s.set(p.Name, m.ID, "")
}

func (p PersonStep) pressed(r *Req, s *session, verb, arg string) (bool, error) {
	switch verb {
	case "k":
		people, err := p.People(r, s.data.V)
		if err != nil {
			return false, err
		}
		id, _ := IdArg(arg)
		m, ok := memberIn(people, id)
		if !ok {
			return false, r.Toast(r.T("dialog.person_not_listed"))
		}
		if err := r.Edit(p.Ask(r, s.data.V)+"\n"+r.T("dialog.picked", Esc(p.show(r, m))), nil); err != nil {
			return false, err
		}
		return true, s.set(p.Name, m.ID, "")
	case "o":
		o, ok := p.extra(r, s.data.V, arg)
		if !ok {
			return false, r.Toast(r.T("error.stale_button"))
		}
		if err := r.Edit(p.Ask(r, s.data.V)+"\n"+r.T("dialog.picked", Esc(o.Text(r.Lang))), nil); err != nil {
			return false, err
		}
		return true, s.set(p.Name, o.Key, "")
	case "p":
		n, err := strconv.Atoi(arg)
		if err != nil {
			return false, r.Toast(r.T("error.stale_button"))
		}
		s.data.Page = n
		return false, s.again(r, true)
	case "q":
		s.data.Q, s.data.Page = "", 0
		return false, s.again(r, true)
	}
	return false, r.Toast(r.T("error.stale_button"))
}
