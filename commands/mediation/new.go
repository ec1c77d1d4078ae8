package mediation

import (
	"regexp"
	"strconv"
	"strings"

	"courtyard/commands/core"
	"courtyard/storage"
)

// flowNewDispute is the conversation that records a new dispute: its
// building, its parties one by one (the building's residents as buttons,
// or names typed), its summary, and a preview to save or change.
const flowNewDispute = "med_new"

// Limits of what a record holds.
const (
	medMaxParties = 8
	medMaxName    = 40
	medMaxSummary = 500
	medMaxNotes   = 1000
)

// typedParties are parties typed at a party step: names, @usernames or
// ids, one or several ("赵大爷、钱阿姨").
type typedParties struct {
	P []storage.DisputeParty `json:"p"`
}

// partySep separates parties typed in one message.
var partySep = regexp.MustCompile(`[,，、;；\n]+`)

func partyName(i int) string { return "p" + strconv.Itoa(i) }

func (a *Mediation) newDialog() *core.Dialog {
	steps := []core.Step{
		core.ChoiceStep{Name: "building", Label: "mediation.step.building", Ask: core.Say("mediation.ask_building"),
			Options: a.buildingOptions, Other: a.buildingTyped},
	}
	for i := 1; i <= medMaxParties; i++ {
		st := core.PersonStep{Name: partyName(i), Ask: a.askParty(i), People: a.partyPeople(i), Extra: a.partyDone(i), Other: a.partyTyped(i)}
		if i == 1 {
			st.Label = "mediation.step.parties"
			steps = append(steps, st)
			continue
		}
		n := i
		steps = append(steps, core.OnlyIf(func(v core.Values) bool {
			prev := partyName(n - 1)
			return v.Has(prev) && v.String(prev) == "" && len(partiesBefore(v, n)) < medMaxParties
		}, st))
	}
	steps = append(steps,
		core.TextStep{Name: "summary", Label: "mediation.step.summary", Ask: core.Say("mediation.ask_summary", medMaxSummary), Parse: summaryText},
		core.ConfirmStep{Name: "ok", Summary: a.newPreview},
	)
	return &core.Dialog{Name: flowNewDispute, Steps: steps, Done: a.createDispute}
}

// startNew begins a new record for someone who may mediate.
func (a *Mediation) startNew(r *core.Req) error {
	return a.newRecord.Start(r, nil)
}

func (a *Mediation) buildingOptions(*core.Req, core.Values) []core.Option {
	opts := make([]core.Option, 0, len(a.Cfg.Community.Buildings)+1)
	for _, b := range a.Cfg.Community.Buildings {
		opts = append(opts, core.Option{Key: b, Zh: a.Cat.T("zh", "ledger.building", b), En: a.Cat.T("en", "ledger.building", b), Words: []string{b}})
	}
	return append(opts, a.Option("-", "mediation.no_building", "-", "—", "无", "没有", "none"))
}

// buildingTyped takes a building typed as people write it (三号楼, 3栋),
// and refuses one that is not the community's.
func (a *Mediation) buildingTyped(r *core.Req, _ core.Values, text string) (string, string) {
	if b, ok := a.ReadBuilding(text); ok {
		return b, ""
	}
	return "", r.T("error.unknown_building", core.Esc(core.LimitRunes(text, 32)), core.Esc(strings.Join(a.Cfg.Community.Buildings, " ")))
}

// building is the record's building, "" for none.
func building(v core.Values) string {
	if b := v.String("building"); b != "-" {
		return b
	}
	return ""
}

// parties are the parties chosen, in order.
func parties(v core.Values) []storage.DisputeParty { return partiesBefore(v, medMaxParties+1) }

// partiesBefore are the parties chosen at the steps before step n.
func partiesBefore(v core.Values, n int) []storage.DisputeParty {
	var out []storage.DisputeParty
	for i := 1; i < n; i++ {
		var typed typedParties
		switch {
		case v.Int(partyName(i)) != 0:
			out = append(out, storage.DisputeParty{MemberID: v.Int(partyName(i))})
		case v.Get(partyName(i), &typed) && len(typed.P) > 0:
			out = append(out, typed.P...)
		default:
			return out
		}
	}
	return out
}

func (a *Mediation) partyNames(r *core.Req, ps []storage.DisputeParty) string {
	names := make([]string, 0, len(ps))
	for _, p := range ps {
		name := p.Name
		if p.MemberID != 0 {
			name = a.NameOf(r, p.MemberID)
		}
		names = append(names, core.Esc(name))
	}
	return a.ListJoin(r.Lang, names)
}

func (a *Mediation) askParty(i int) func(*core.Req, core.Values) string {
	return func(r *core.Req, v core.Values) string {
		if i == 1 {
			return r.T("mediation.ask_parties", medMaxParties)
		}
		return r.T("mediation.ask_more_parties", a.partyNames(r, partiesBefore(v, i)))
	}
}

// partyPeople are the building's residents (everyone registered when the
// record names no building), but those parties at an earlier step.
func (a *Mediation) partyPeople(i int) func(*core.Req, core.Values) ([]storage.Member, error) {
	return func(r *core.Req, v core.Values) ([]storage.Member, error) {
		if ok, err := a.mayMediate(r); err != nil || !ok {
			return nil, err // no longer in the room: nobody is offered
		}
		return a.residentsBut(r, building(v), partiesBefore(v, i))
	}
}

func (a *Mediation) residentsBut(r *core.Req, b string, ps []storage.DisputeParty) ([]storage.Member, error) {
	var ms []storage.Member
	var err error
	if b != "" {
		ms, err = r.Tx.Residents(b)
	} else {
		ms, err = r.Tx.Residents()
	}
	if err != nil {
		return nil, err
	}
	taken := map[int64]bool{}
	for _, p := range ps {
		taken[p.MemberID] = true
	}
	out := ms[:0]
	for _, m := range ms {
		if !taken[m.ID] {
			out = append(out, m)
		}
	}
	return out, nil
}

func (a *Mediation) partyDone(i int) func(*core.Req, core.Values) []core.Option {
	return func(*core.Req, core.Values) []core.Option {
		if i == 1 {
			return nil
		}
		return []core.Option{a.Option("done", "mediation.btn.parties_done", "好了", "就这些", "没有了", "done")}
	}
}

// partyTyped reads parties typed at step i: an @username or an id is the
// member (anyone known), any other word a name as written.
func (a *Mediation) partyTyped(i int) func(*core.Req, core.Values, string) (any, string) {
	return func(r *core.Req, v core.Values, text string) (any, string) {
		var typed typedParties
		for _, w := range partySep.Split(text, -1) {
			w = strings.TrimSpace(w)
			if w == "" {
				continue
			}
			p := storage.DisputeParty{Name: w}
			if m, ok := a.knownMember(r, w); ok {
				p = storage.DisputeParty{MemberID: m.ID, Name: m.Name}
			}
			if core.RuneLen(p.Name) > medMaxName {
				return nil, r.T("mediation.name_too_long", medMaxName)
			}
			typed.P = append(typed.P, p)
		}
		before := partiesBefore(v, i)
		switch {
		case len(typed.P) == 0:
			return nil, r.T("mediation.need_text")
		case len(before)+len(typed.P) > medMaxParties:
			return nil, r.T("mediation.too_many_parties", medMaxParties)
		}
		return typed, ""
	}
}

// knownMember is the member "@username" or an id names.
func (a *Mediation) knownMember(r *core.Req, w string) (storage.Member, bool) {
	var m storage.Member
	var err error
	if strings.HasPrefix(w, "@") {
		m, err = r.Tx.MemberByUsername(w)
	} else if id, ok := core.IdArg(w); ok {
		m, err = r.Tx.Member(id)
	} else {
		return m, false
	}
	return m, err == nil && !m.Forgotten
}

func summaryText(r *core.Req, _ core.Values, text string) (any, string) {
	switch n := core.RuneLen(text); {
	case n == 0:
		return nil, r.T("mediation.need_text")
	case n > medMaxSummary:
		return nil, r.T("report.too_long", n, medMaxSummary)
	}
	return text, ""
}

func (a *Mediation) newPreview(r *core.Req, v core.Values) string {
	where := r.T("mediation.no_building")
	if b := building(v); b != "" {
		where = r.T("ledger.building", core.Esc(b))
	}
	return r.T("mediation.preview", where, a.partyNames(r, parties(v)), core.Esc(v.String("summary")))
}

// createDispute files the new record, with the writer as its mediator.
func (a *Mediation) createDispute(r *core.Req, v core.Values) error {
	if ok, err := a.mayMediate(r); err != nil || !ok {
		if err != nil {
			return err
		}
		return r.Reply(r.T("mediation.forbidden"), nil)
	}
	ps := parties(v)
	for i, p := range ps {
		if p.MemberID != 0 {
			ps[i].Name = a.MemberName(r, p.MemberID)
		}
	}
	rec := storage.Dispute{Building: building(v), Summary: v.String("summary"), MediatorID: r.Me.ID, CreatedBy: r.Me.ID, Parties: ps}
	id, err := r.Tx.CreateDispute(rec, r.Now)
	if err != nil {
		return err
	}
	a.Audit(r, "mediation.create", disputeTarget(id), map[string]int{"parties": len(rec.Parties)})
	if rec, err = r.Tx.Dispute(id); err != nil {
		return err
	}
	if err := r.Reply(r.T("mediation.created", id), nil); err != nil {
		return err
	}
	return a.showDispute(r, rec, false)
}
