package services

import (
	"encoding/json"
	"fmt"
	"time"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
	"courtyard/when"
)

// kindReview reminds staff and the household of an approval's review.
const kindReview = "services.review"

// reviewAhead is how long before an approval's review it is reminded.
const reviewAhead = 14 * 24 * time.Hour

// askDocDialog asks staff which document is missing and asks the applicant.
func (a *Services) askDocDialog() *core.Dialog {
	return &core.Dialog{Name: "sv_askdoc", Min: storage.RoleStaff, Steps: []core.Step{
		core.TextStep{Name: "what", Ask: func(r *core.Req, v core.Values) string { return r.T("services.ask_missing", v.Int("case")) }, Parse: a.readText(200)},
	}, Done: a.askDocDone}
}

func (a *Services) askDocDone(r *core.Req, v core.Values) error {
	c, ok, err := a.loadCase(r, v.Int("case"))
	if err != nil || !ok || c.Ended() {
		return err
	}
	c.Asked = v.String("what")
	if err := r.Tx.UpdateCase(c, r.Now); err != nil {
		return err
	}
	if err := a.record(r, c, "request", nil); err != nil {
		return err
	}
	applicant, err := r.Tx.Member(c.MemberID)
	if err != nil && !core.IsNotFound(err) {
		return err
	}
	lang := a.LangOf(applicant)
	kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{{Text: a.Cat.T(lang, "services.btn_send_photo"), CallbackData: "sv:doc:" + core.Itoa(c.ID)}}}}
	told, err := a.TellTo(r, c.MemberID, kb, "services.told_request", c.ID, a.serviceName(c.Service), core.Esc(c.Asked))
	if err != nil {
		return err
	}
	if told {
		// With no conversation going on, the applicant's next photo is the answer.
		if _, err := r.Tx.Flow(c.MemberID); core.IsNotFound(err) {
			raw, _ := json.Marshal(docsData{Case: c.ID})
			if err := r.Tx.SetFlow(storage.Flow{UserID: c.MemberID, Name: flowDocs, Step: "photos", Data: string(raw)}, r.Now); err != nil {
				return err
			}
		} else if err != nil {
			return err
		}
		return r.Reply(r.T("services.request_sent", c.ID, core.Esc(a.NameOf(r, c.MemberID))), caseKeyboard(r.Lang, a.Cat.T, c.ID))
	}
	return r.Reply(r.T("services.request_unreached", c.ID, core.Esc(c.Phone)), caseKeyboard(r.Lang, a.Cat.T, c.ID))
}

// decideDialog records the decision with its reason.
func (a *Services) decideDialog() *core.Dialog {
	return &core.Dialog{Name: "sv_decide", Min: storage.RoleStaff, Steps: []core.Step{
		core.ChoiceStep{Name: "outcome", Label: "services.step.outcome", Ask: func(r *core.Req, v core.Values) string { return r.T("services.ask_outcome", v.Int("case")) },
			Options: func(*core.Req, core.Values) []core.Option {
				return []core.Option{a.Option("approve", "services.outcome_approve"), a.Option("refuse", "services.outcome_refuse")}
			}},
		core.TextStep{Name: "reason", Label: "services.step.reason", Ask: func(r *core.Req, v core.Values) string {
			return r.T("services.ask_reason_" + v.String("outcome"))
		}, Parse: a.readText(300)},
		core.ConfirmStep{Name: "ok", Summary: func(r *core.Req, v core.Values) string {
			return r.T("services.decide_preview", v.Int("case"), r.T("services.outcome_"+v.String("outcome")), core.Esc(v.String("reason")))
		}},
	}, Done: a.decideDone}
}

func (a *Services) decideDone(r *core.Req, v core.Values) error {
	c, ok, err := a.loadCase(r, v.Int("case"))
	if err != nil || !ok {
		return err
	}
	if c.Ended() {
		return r.Reply(r.T("services.case_ended", c.ID), nil)
	}
	s, _ := a.service(c.Service)
	c.Reason = v.String("reason")
	approve := v.String("outcome") == "approve"
	if approve && s.Publicity {
		ns, err := r.Tx.CaseNotices(c.ID)
		if err != nil {
			return err
		}
		if !anyEnded(ns) {
			c.State = storage.CasePublicity
			if err := r.Tx.UpdateCase(c, r.Now); err != nil {
				return err
			}
			if err := a.record(r, c, "publicity", nil); err != nil {
				return err
			}
			if err := a.tellApplicant(r, c, nil, "services.told_publicity", c.ID, a.serviceName(c.Service)); err != nil {
				return err
			}
			if err := r.Reply(r.T("services.needs_publicity", c.ID), nil); err != nil {
				return err
			}
			return a.startNotice(r, c)
		}
	}
	c.State, c.DecidedAt = storage.CaseRefused, r.Now
	if approve {
		c.State = storage.CaseApproved
	}
	if err := r.Tx.UpdateCase(c, r.Now); err != nil {
		return err
	}
	if err := r.Tx.CancelDuePrefix(kindCaseOverdue, "c:"+core.Itoa(c.ID)+":"); err != nil {
		return err
	}
	if err := a.record(r, c, "decide", map[string]any{"outcome": c.State}); err != nil {
		return err
	}
	if approve {
		if err := a.toldApproved(r, c); err != nil {
			return err
		}
	} else if err := a.tellApplicant(r, c, nil, "services.told_refused", c.ID, a.serviceName(c.Service), core.Esc(c.Reason)); err != nil {
		return err
	}
	if err := a.offerRating(r, c); err != nil {
		return err
	}
	if err := r.Reply(r.T("services.decided", c.ID, r.T("services.state_"+c.State), core.Esc(a.NameOf(r, c.MemberID))), nil); err != nil {
		return err
	}
	return a.showCase(r, c, false)
}

func anyEnded(ns []storage.Notice) bool {
	for _, n := range ns {
		if n.Ended {
			return true
		}
	}
	return false
}

// toldApproved tells the applicant of the approval, asks their consent to
// the care list and lays out the review, if the service has one.
func (a *Services) toldApproved(r *core.Req, c storage.Case) error {
	s, _ := a.service(c.Service)
	applicant, err := r.Tx.Member(c.MemberID)
	if err != nil && !core.IsNotFound(err) {
		return err
	}
	lang := a.LangOf(applicant)
	id := core.Itoa(c.ID)
	kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
		{Text: a.Cat.T(lang, "services.btn_care_yes"), CallbackData: "sv:care:" + id + ":y"},
		{Text: a.Cat.T(lang, "services.btn_care_no"), CallbackData: "sv:care:" + id + ":n"},
	}}}
	if err := a.tellApplicant(r, c, nil, "services.told_approved", c.ID, a.serviceName(c.Service), core.Esc(c.Reason)); err != nil {
		return err
	}
	if s.CareOffer {
		if err := a.tellApplicant(r, c, kb, "services.care_offer"); err != nil {
			return err
		}
	}
	if s.ReviewMonths == 0 {
		return nil
	}
	review := c.DecidedAt.AddDate(0, s.ReviewMonths, 0)
	raw, err := json.Marshal(overdueData{Case: c.ID})
	if err != nil {
		return fmt.Errorf("case %d review: %w", c.ID, err)
	}
	due := review.Add(-reviewAhead)
	if _, err := r.Tx.ScheduleDue(storage.DueItem{Kind: kindReview, Key: "c:" + id, DueAt: due, Until: review, Data: string(raw)}, r.Now); err != nil {
		return err
	}
	day := func(lang string) string { return when.DescribeDate(review, lang, r.Now, a.Loc) }
	if err := a.tellApplicant(r, c, nil, "services.told_review", c.ID, a.serviceName(c.Service), core.InLang(day)); err != nil {
		return err
	}
	return r.Reply(r.T("services.review_laid", c.ID, day(r.Lang)), nil)
}

// careConsent adds the approved household to the care list when its
// applicant agrees; nothing when they decline.
func (a *Services) careConsent(r *core.Req, c storage.Case, answer string) error {
	if s, _ := a.service(c.Service); c.State != storage.CaseApproved || !s.CareOffer {
		return r.Toast(r.T("error.stale_button"))
	}
	log, err := r.Tx.CaseLog(c.ID)
	if err != nil {
		return err
	}
	for _, e := range log {
		if e.Action == "care_yes" || e.Action == "care_no" {
			return r.Toast(r.T("services.care_already"))
		}
	}
	if answer != "y" {
		if err := r.Tx.LogCase(c.ID, r.Me.ID, "care_no", "", r.Now); err != nil {
			return err
		}
		if err := r.Toast(""); err != nil {
			return err
		}
		return r.Edit(r.T("services.care_declined"), nil)
	}
	reason := "other"
	switch c.Service {
	case "dibao":
		reason = "subsistence"
	case "disability_insurance":
		reason = "disabled"
	}
	h := storage.Household{Building: r.Me.Building, Unit: r.Me.Unit, Name: r.Me.Name, Reason: reason, Contact: c.Phone, CreatedBy: r.Me.ID}
	if reason == "other" {
		h.ReasonText = a.name(a.Cfg.Community.Language, c.Service)
	}
	hid, err := a.care.AddHousehold(r, h)
	if err != nil {
		return err
	}
	if err := r.Tx.LogCase(c.ID, r.Me.ID, "care_yes", "", r.Now); err != nil {
		return err
	}
	a.Audit(r, "services.care_consent", caseTarget(c.ID), map[string]any{"household": hid})
	if err := a.tellStaff(r, c.AssigneeID, caseKeyboard, "services.staff_care_added", c.ID); err != nil {
		return err
	}
	if err := r.Toast(""); err != nil {
		return err
	}
	return r.Edit(r.T("services.care_added"), nil)
}
