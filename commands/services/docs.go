package services

import (
	"encoding/json"

	"courtyard/commands/core"
	"courtyard/storage"
)

// flowDocs takes document photos for a case in the applicant's chat,
// until they say they are done.
const flowDocs = "sv_docs"

// docsMax is how many photos a case takes.
const docsMax = 30

type docsData struct {
	Case int64 `json:"case"`
}

// doneWords end the photos.
var doneWords = map[string]bool{"好了": true, "完成": true, "就这些": true, "没有了": true, "发完了": true, "done": true, "finished": true, "that's all": true}

// docsFlow takes a photo onto the case, or ends on a done or cancel word.
func (a *Services) docsFlow(r *core.Req, f storage.Flow) error {
	var d docsData
	if err := json.Unmarshal([]byte(f.Data), &d); err != nil || d.Case == 0 {
		return r.Tx.EndFlow(r.Me.ID)
	}
	c, err := r.Tx.Case(d.Case)
	if core.IsNotFound(err) || (err == nil && !isApplicant(r, c)) {
		if err := r.Tx.EndFlow(r.Me.ID); err != nil {
			return err
		}
		return r.Reply(r.T("services.case_not_found"), nil)
	}
	if err != nil {
		return err
	}
	photo := core.LargestPhoto(r)
	text := core.Fold(r.Text)
	if photo == "" {
		if ans, ok := core.ReadAnswer(text); (ok && (ans == core.AnswerCancel || ans == core.AnswerNo)) || doneWords[text] {
			return a.endDocs(r, c)
		}
		return r.Reply(r.T("services.photos_only"), docsKeyboard(r, c.ID))
	}
	docs, err := r.Tx.CaseDocs(c.ID)
	if err != nil {
		return err
	}
	if len(docs) >= docsMax {
		return r.Reply(r.T("services.photos_full", docsMax), docsKeyboard(r, c.ID))
	}
	if err := r.Tx.AddCaseDoc(c.ID, photo, r.Now); err != nil {
		return err
	}
	if err := a.record(r, c, "document", nil); err != nil {
		return err
	}
	if c.Asked != "" {
		asked := c.Asked
		c.Asked = ""
		if err := r.Tx.UpdateCase(c, r.Now); err != nil {
			return err
		}
		if err := a.tellStaff(r, c.AssigneeID, caseKeyboard, "services.staff_doc_answered", c.ID, core.Esc(asked)); err != nil {
			return err
		}
	}
	return r.Reply(r.T("services.photo_taken", len(docs)+1), docsKeyboard(r, c.ID))
}

// endDocs ends the photos of case c.
func (a *Services) endDocs(r *core.Req, c storage.Case) error {
	if err := r.Tx.EndFlow(r.Me.ID); err != nil {
		return err
	}
	docs, err := r.Tx.CaseDocs(c.ID)
	if err != nil {
		return err
	}
	return r.Reply(r.N("services.photos_done", len(docs), c.ID), nil)
}

// applicantButton handles the applicant's buttons on their case: photos,
// the care list's consent, the rating.
func (a *Services) applicantButton(r *core.Req, p core.BtnArgs) error {
	id, ok := p.Id(1)
	if !ok {
		return r.Toast(r.T("error.stale_button"))
	}
	c, ok, err := a.loadOwnCase(r, id)
	if err != nil || !ok {
		return err
	}
	switch p[0] {
	case "doc":
		if p.Arg(2) == "end" {
			if err := r.Toast(""); err != nil {
				return err
			}
			return a.endDocs(r, c)
		}
		if err := r.Toast(""); err != nil {
			return err
		}
		s, _ := a.service(c.Service)
		return a.askPhotos(r, c, s)
	case "care":
		return a.careConsent(r, c, p.Arg(2))
	case "rate":
		return a.rate(r, c, p.Arg(2))
	case "rword":
		if !c.Ended() {
			return r.Toast(r.T("error.stale_button"))
		}
		return startOn(r, a.rword, c.ID)
	}
	return r.Toast(r.T("error.stale_button"))
}
