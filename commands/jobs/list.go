package jobs

import (
	"strconv"
	"strings"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// maxListedJobs bounds how many upcoming jobs /jobs reads.
const maxListedJobs = 500

// JobsCmd: /jobs lists upcoming jobs the caller may join, five a page.
func (a *Jobs) JobsCmd(r *core.Req) error { return a.showJobs(r, 0, false) }

// jobsPage is a page button of /jobs; what is shown is checked again.
func (a *Jobs) jobsPage(r *core.Req, parts []string) error {
	page := 0
	if len(parts) == 3 {
		page, _ = strconv.Atoi(parts[2])
	}
	if err := r.Toast(""); err != nil {
		return err
	}
	return a.showJobs(r, page, true)
}

func (a *Jobs) visibleJobs(r *core.Req) ([]storage.Job, error) {
	all, err := r.Tx.UpcomingJobs(r.Now, maxListedJobs)
	if err != nil {
		return nil, err
	}
	var out []storage.Job
	for _, j := range all {
		ok, err := a.maySeeJob(r, j)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, j)
		}
	}
	return out, nil
}

func (a *Jobs) showJobs(r *core.Req, page int, edit bool) error {
	jobs, err := a.visibleJobs(r)
	if err != nil {
		return err
	}
	if len(jobs) == 0 {
		if edit {
			return r.Edit(r.T("job.none_upcoming"), nil)
		}
		return r.Reply(r.T("job.none_upcoming"), nil)
	}
	pages := (len(jobs) + jobsPerPage - 1) / jobsPerPage
	page = max(0, min(page, pages-1))
	jobs = jobs[page*jobsPerPage : min(len(jobs), (page+1)*jobsPerPage)]
	mine, states, err := r.Tx.MemberJobs(r.Me.ID, r.Now)
	if err != nil {
		return err
	}
	in := map[int64]string{}
	for i, j := range mine {
		in[j.ID] = states[i]
	}
	var b strings.Builder
	b.WriteString(r.T("job.list_title", page+1, pages) + "\n")
	var rows [][]telegram.Button
	for _, j := range jobs {
		line, err := a.jobLine(r, j)
		if err != nil {
			return err
		}
		b.WriteString("\n" + line)
		if st, ok := in[j.ID]; ok {
			// Already in: said on the line, and no Sign up to press.
			b.WriteString("\n" + r.T("job.you_are_in."+st))
			continue
		}
		rows = append(rows, []telegram.Button{{Text: r.T("job.button.signup_for", core.ButtonName(j.Title, buttonName)), CallbackData: "jb:su:" + core.Itoa(j.ID)}})
	}
	var nav []telegram.Button
	if page > 0 {
		nav = append(nav, telegram.Button{Text: "‹ " + strconv.Itoa(page), CallbackData: "jb:pg:" + strconv.Itoa(page-1)})
	}
	if page < pages-1 {
		nav = append(nav, telegram.Button{Text: strconv.Itoa(page+2) + " ›", CallbackData: "jb:pg:" + strconv.Itoa(page+1)})
	}
	if len(nav) > 0 {
		rows = append(rows, nav)
	}
	kb := telegram.Keyboard{InlineKeyboard: rows}
	if edit {
		return r.Edit(b.String(), kb)
	}
	return r.Reply(b.String(), kb)
}

// jobLine is one job in a list: title, time, place and count.
func (a *Jobs) jobLine(r *core.Req, j storage.Job) (string, error) {
	list, err := r.Tx.JobSeats(j.ID)
	if err != nil {
		return "", err
	}
	c := storage.CountSeats(list)
	line := "<b>" + core.Esc(j.Title) + "</b>\n" + a.jobSpan(r.Lang, j.Start, j.End)
	if j.Place != "" {
		line += " · " + core.Esc(j.Place)
	}
	line += " · " + r.T("job.card.count", c.Signed, j.Slots)
	if c.Waiting > 0 {
		line += " · " + r.T("job.card.waiting", c.Waiting)
	}
	return line, nil
}

// MyJobs: /myjobs lists the caller's jobs with Withdraw, and the jobs they
// organise with Cancel and Change time.
func (a *Jobs) MyJobs(r *core.Req) error {
	jobs, states, err := r.Tx.MemberJobs(r.Me.ID, r.Now)
	if err != nil {
		return err
	}
	own, err := r.Tx.OrganisedJobs(r.Me.ID, r.Now)
	if err != nil {
		return err
	}
	if len(jobs) == 0 && len(own) == 0 {
		return r.Reply(r.T("job.my_none"), nil)
	}
	var b strings.Builder
	var rows [][]telegram.Button
	if len(jobs) > 0 {
		b.WriteString(r.T("job.my_title") + "\n")
	}
	for i, j := range jobs {
		line, err := a.jobLine(r, j)
		if err != nil {
			return err
		}
		b.WriteString("\n" + line + "\n" + r.T("job.my_state."+states[i]) + "\n")
		rows = append(rows, []telegram.Button{{Text: r.T("job.button.withdraw_from", core.ButtonName(j.Title, buttonName)), CallbackData: "jb:wd:" + core.Itoa(j.ID)}})
	}
	if len(own) > 0 {
		b.WriteString("\n" + r.T("job.my_organised") + "\n")
	}
	for _, j := range own {
		line, err := a.jobLine(r, j)
		if err != nil {
			return err
		}
		b.WriteString("\n" + line + "\n")
		rows = append(rows,
			[]telegram.Button{{Text: r.T("job.button.cancel_named", core.ButtonName(j.Title, buttonName)), CallbackData: "jb:cx:" + core.Itoa(j.ID)}},
			[]telegram.Button{{Text: r.T("job.button.move_named", core.ButtonName(j.Title, buttonName)), CallbackData: "jb:mv:" + core.Itoa(j.ID)}})
	}
	return r.Reply(strings.TrimSpace(b.String()), telegram.Keyboard{InlineKeyboard: rows})
}
