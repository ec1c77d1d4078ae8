// Package summary is the staff's report upward: a month's, quarter's or
// year's figures as text, a chart of problems by category and month, and a
// spreadsheet.
package summary

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
	"courtyard/when"
)

// Summary is the /summary command over the core.
type Summary struct {
	*core.Core
	services  Services  // the services desk's counts, nil for none
	chartFont chartFont // the chart's CJK font, loaded on first use
}

// New returns the summary capability; services counts the services desk.
func New(c *core.Core, services Services) *Summary { return &Summary{Core: c, services: services} }

// sumReport is a period's figures.
type sumReport struct {
	period     sumPeriod
	figures    []sumValue
	categories []sumCategory
	byMonth    map[string][]int         // category → problems received per month of the period
	rates      map[string]storage.Rates // building → the four rates of the period
	rateMonths []storage.Rates          // the four rates of each month, all buildings
	now        time.Time                // when it was made: a period not over yet counts up to now
	services   []sumService             // applications by service
}

type sumValue struct {
	figure
	value    float64
	recorded bool
}

type sumCategory struct {
	key              string
	received, solved int
}

// summary: /summary [month|quarter|year] [period], staff: the period's
// figures as text, a chart of problems by category and month, and a
// spreadsheet.
func (a *Summary) summary(r *core.Req) error {
	p, ok := a.summaryPeriod(r.Args, r.Now)
	if !ok {
		return r.Reply(r.T("summary.usage"), nil)
	}
	if p.from.After(r.Now) {
		return r.Reply(r.T("summary.future", p.label), nil)
	}
	first, err := r.Tx.FirstRecord()
	if err != nil {
		return err
	}
	if first.IsZero() || !p.to.After(first) {
		return r.Reply(r.T("summary.too_early", p.label, when.DescribeDate(first, r.Lang, r.Now, a.Loc)), nil)
	}
	rep, err := a.buildSummary(r.Tx, p, r.Now)
	if err != nil {
		return err
	}
	if err := r.Reply(a.summaryText(r, rep), nil); err != nil {
		return err
	}
	png, err := a.summaryChart(r.Lang, rep)
	if err != nil {
		return err
	}
	caption := core.LimitUTF16(r.T("summary.chart_caption", p.label), telegram.MaxCaption)
	if _, err := r.Tx.Enqueue(storage.OutMsg{ChatID: r.Chat.ID, Method: "sendPhoto", Priority: storage.PriorityReply,
		Payload:  telegram.Marshal(telegram.UploadPhoto{ChatID: r.Chat.ID, Caption: caption}),
		FileName: "summary-" + p.label + ".png", FileData: png}, r.Now); err != nil {
		return err
	}
	if png, err = a.ratesChart(r.Lang, rep); err != nil {
		return err
	}
	caption = core.LimitUTF16(r.T("rates.chart_caption", p.label), telegram.MaxCaption)
	if _, err := r.Tx.Enqueue(storage.OutMsg{ChatID: r.Chat.ID, Method: "sendPhoto", Priority: storage.PriorityReply,
		Payload:  telegram.Marshal(telegram.UploadPhoto{ChatID: r.Chat.ID, Caption: caption}),
		FileName: "rates-" + p.label + ".png", FileData: png}, r.Now); err != nil {
		return err
	}
	xlsx, err := a.summaryXLSX(r.Lang, rep)
	if err != nil {
		return err
	}
	doc := telegram.SendDocument{ChatID: r.Chat.ID, Caption: core.LimitUTF16(r.T("summary.xlsx_caption", p.label), telegram.MaxCaption)}
	_, err = r.Tx.Enqueue(storage.OutMsg{ChatID: r.Chat.ID, Method: "sendDocument", Payload: telegram.Marshal(doc),
		Priority: storage.PriorityReply, FileName: "summary-" + p.label + ".xlsx", FileData: xlsx}, r.Now)
	return err
}

// buildSummary reads every figure of the period.
// Only what has happened by now counts: a meeting set for later in the
// period is not held yet.
func (a *Summary) buildSummary(tx *storage.Tx, p sumPeriod, now time.Time) (sumReport, error) {
	rep := sumReport{period: p, byMonth: map[string][]int{}, now: now}
	for _, f := range append(summaryFigures(), a.serviceFigures()...) {
		to := p.to
		if f.planned && now.Before(to) {
			to = now
		}
		v, ok, err := f.get(tx, p.from, to)
		if err != nil {
			return rep, err
		}
		rep.figures = append(rep.figures, sumValue{figure: f, value: v, recorded: ok})
	}
	var err error
	if rep.services, err = a.serviceLines(tx, p.from, p.to); err != nil {
		return rep, err
	}
	received, err := tx.ProblemsReceived(p.from, p.to)
	if err != nil {
		return rep, err
	}
	solved, err := tx.ProblemsSolved(p.from, p.to)
	if err != nil {
		return rep, err
	}
	for _, key := range a.summaryCategories(received, solved) {
		rep.categories = append(rep.categories, sumCategory{key: key, received: received[key], solved: solved[key]})
	}
	months := p.months()
	if rep.rates, err = a.Rates(tx, p.from, p.to, now); err != nil {
		return rep, err
	}
	for _, m := range months {
		by, err := a.Rates(tx, m, m.AddDate(0, 1, 0), now)
		if err != nil {
			return rep, err
		}
		rep.rateMonths = append(rep.rateMonths, storage.TotalRates(by))
	}
	err = tx.ProblemDates(p.from, p.to, func(cat string, at time.Time) {
		at = at.In(a.Loc)
		i := (at.Year()-p.from.Year())*12 + int(at.Month()) - int(p.from.Month())
		if i < 0 || i >= len(months) {
			return
		}
		if rep.byMonth[cat] == nil {
			rep.byMonth[cat] = make([]int, len(months))
		}
		rep.byMonth[cat][i]++
	})
	return rep, err
}

// summaryCategories are the configured categories in their order, then any
// other key found (a category removed from the configuration).
func (a *Summary) summaryCategories(maps ...map[string]int) []string {
	var out []string
	seen := map[string]bool{}
	for _, c := range a.Cfg.Tickets.Categories {
		out, seen[c.Key] = append(out, c.Key), true
	}
	for _, m := range maps {
		for k := range m {
			if !seen[k] {
				out, seen[k] = append(out, k), true
			}
		}
	}
	return out
}

// summaryText is the report as a message in the reader's language.
func (a *Summary) summaryText(r *core.Req, rep sumReport) string {
	p := rep.period
	var b strings.Builder
	b.WriteString(r.T("summary.title_"+p.kind, p.label) + "\n")
	b.WriteString(a.spanText(r.Lang, rep) + "\n\n")
	for _, v := range rep.figures {
		b.WriteString(r.T("summary.fig_line", r.T("summary.fig."+v.key), a.figureText(r.Lang, v)) + "\n")
	}
	b.WriteString("\n" + r.T("summary.by_category") + "\n")
	listed := false
	for _, c := range rep.categories {
		if c.received == 0 && c.solved == 0 {
			continue
		}
		listed = true
		b.WriteString(r.T("summary.category_line", core.Esc(a.CatLabel(r.Lang, c.key)), c.received, c.solved) + "\n")
	}
	if !listed {
		b.WriteString(r.T("summary.no_problems") + "\n")
	}
	if len(rep.services) > 0 {
		b.WriteString("\n" + r.T("summary.by_service") + "\n")
		for _, s := range rep.services {
			if s.received == 0 && s.completed == 0 {
				continue
			}
			b.WriteString(r.T("summary.category_line", core.Esc(a.services.ServiceName(r.Lang, s.key)), s.received, s.completed) + "\n")
		}
	}
	b.WriteString("\n" + r.T("rates.title") + "\n" + r.T("rates.total", a.RatesLine(r.Lang, storage.TotalRates(rep.rates))) + "\n")
	for _, bl := range a.RateBuildings(rep.rates) {
		b.WriteString(r.T("rates.building", core.Esc(bl), a.RatesLine(r.Lang, rep.rates[bl])) + "\n")
	}
	b.WriteString("\n" + r.T("summary.not_recorded_note"))
	return b.String()
}

// figureText is a figure's value, or "not recorded".
func (a *Summary) figureText(lang string, v sumValue) string {
	switch {
	case !v.recorded:
		return a.Cat.T(lang, "summary.not_recorded")
	case v.hours:
		return strconv.FormatFloat(v.value, 'f', 1, 64)
	}
	return fmt.Sprintf("%d", int64(v.value))
}

// spanText is the period the figures cover: its days, and for a period not
// over yet, the moment they run to.
func (a *Summary) spanText(lang string, rep sumReport) string {
	p := rep.period
	if rep.now.Before(p.to) {
		return a.Cat.T(lang, "summary.span_so_far", when.DescribeDate(p.from, lang, rep.now, a.Loc), a.WhenIn(lang, rep.now))
	}
	return a.Cat.T(lang, "summary.span", when.DescribeDateRange(when.DateRange{First: p.from, Last: p.to.AddDate(0, 0, -1)}, lang, rep.now, a.Loc))
}
