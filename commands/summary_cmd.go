package commands

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"courtyard/storage"
	"courtyard/telegram"
)

// sumReport is a period's figures.
type sumReport struct {
	period     sumPeriod
	figures    []sumValue
	categories []sumCategory
	byMonth    map[string][]int // category → problems received per month of the period
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
func (a *App) summary(r *req) error {
	p, ok := a.summaryPeriod(r.args, r.now)
	if !ok {
		return r.reply(r.t("summary.usage"), nil)
	}
	if p.from.After(r.now) {
		return r.reply(r.t("summary.future", p.label), nil)
	}
	first, err := r.tx.FirstRecord()
	if err != nil {
		return err
	}
	if first.IsZero() || !p.to.After(first) {
		return r.reply(r.t("summary.too_early", p.label, first.In(a.loc).Format("2006-01-02")), nil)
	}
	rep, err := a.buildSummary(r.tx, p)
	if err != nil {
		return err
	}
	if err := r.reply(a.summaryText(r, rep), nil); err != nil {
		return err
	}
	png, err := a.summaryChart(r.lang, rep)
	if err != nil {
		return err
	}
	caption := limitUTF16(r.t("summary.chart_caption", p.label), telegram.MaxCaption)
	if _, err := r.tx.Enqueue(storage.OutMsg{ChatID: r.chat.ID, Method: "sendPhoto", Priority: storage.PriorityReply,
		Payload:  telegram.Marshal(telegram.UploadPhoto{ChatID: r.chat.ID, Caption: caption}),
		FileName: "summary-" + p.label + ".png", FileData: png}, r.now); err != nil {
		return err
	}
	xlsx, err := a.summaryXLSX(r.lang, rep)
	if err != nil {
		return err
	}
	doc := telegram.SendDocument{ChatID: r.chat.ID, Caption: limitUTF16(r.t("summary.xlsx_caption", p.label), telegram.MaxCaption)}
	_, err = r.tx.Enqueue(storage.OutMsg{ChatID: r.chat.ID, Method: "sendDocument", Payload: telegram.Marshal(doc),
		Priority: storage.PriorityReply, FileName: "summary-" + p.label + ".xlsx", FileData: xlsx}, r.now)
	return err
}

// buildSummary reads every figure of the period.
func (a *App) buildSummary(tx *storage.Tx, p sumPeriod) (sumReport, error) {
	rep := sumReport{period: p, byMonth: map[string][]int{}}
	for _, f := range summaryFigures() {
		v, ok, err := f.get(tx, p.from, p.to)
		if err != nil {
			return rep, err
		}
		rep.figures = append(rep.figures, sumValue{figure: f, value: v, recorded: ok})
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
	err = tx.ProblemDates(p.from, p.to, func(cat string, at time.Time) {
		at = at.In(a.loc)
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
func (a *App) summaryCategories(maps ...map[string]int) []string {
	var out []string
	seen := map[string]bool{}
	for _, c := range a.cfg.Tickets.Categories {
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
func (a *App) summaryText(r *req, rep sumReport) string {
	p := rep.period
	var b strings.Builder
	b.WriteString(r.t("summary.title_"+p.kind, p.label) + "\n")
	b.WriteString(r.t("summary.span", p.from.Format("2006-01-02"), p.to.AddDate(0, 0, -1).Format("2006-01-02")) + "\n\n")
	for _, v := range rep.figures {
		b.WriteString(r.t("summary.fig_line", r.t("summary.fig."+v.key), a.figureText(r.lang, v)) + "\n")
	}
	b.WriteString("\n" + r.t("summary.by_category") + "\n")
	listed := false
	for _, c := range rep.categories {
		if c.received == 0 && c.solved == 0 {
			continue
		}
		listed = true
		b.WriteString(r.t("summary.category_line", esc(a.catLabel(r.lang, c.key)), c.received, c.solved) + "\n")
	}
	if !listed {
		b.WriteString(r.t("summary.no_problems") + "\n")
	}
	b.WriteString("\n" + r.t("summary.not_recorded_note"))
	return b.String()
}

// figureText is a figure's value, or "not recorded".
func (a *App) figureText(lang string, v sumValue) string {
	switch {
	case !v.recorded:
		return a.cat.T(lang, "summary.not_recorded")
	case v.hours:
		return strconv.FormatFloat(v.value, 'f', 1, 64)
	}
	return fmt.Sprintf("%d", int64(v.value))
}
