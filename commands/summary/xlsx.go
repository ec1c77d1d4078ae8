package summary

import (
	"courtyard/commands/core"
	"courtyard/storage"
)

// summaryXLSX is the report as a workbook in lang: the figures, each with
// a line saying what it counts, problems by category, and problems by
// category and month.
func (a *Summary) summaryXLSX(lang string, rep sumReport) ([]byte, error) {
	t := func(key string, args ...any) string { return a.Cat.T(lang, key, args...) }
	figs := core.Sheet{Name: t("summary.sheet_figures"), Header: []string{t("summary.col_figure"), t("summary.col_value"), t("summary.col_definition")}}
	for _, v := range rep.figures {
		var val any = t("summary.not_recorded")
		if v.recorded {
			val = v.value
			if !v.hours {
				val = int64(v.value)
			}
		}
		figs.Rows = append(figs.Rows, []any{t("summary.fig." + v.key), val, t("summary.def." + v.key)})
	}
	cats := core.Sheet{Name: t("summary.sheet_categories"), Header: []string{t("summary.col_category"), t("summary.col_received"), t("summary.col_solved")}}
	for _, c := range rep.categories {
		cats.Rows = append(cats.Rows, []any{a.CatLabel(lang, c.key), c.received, c.solved})
	}
	months := rep.period.months()
	byMonth := core.Sheet{Name: t("summary.sheet_months"), Header: []string{t("summary.col_category")}}
	for _, m := range months {
		byMonth.Header = append(byMonth.Header, m.Format("2006-01"))
	}
	for _, c := range rep.categories {
		row := []any{a.CatLabel(lang, c.key)}
		counts := rep.byMonth[c.key]
		for i := range months {
			n := 0
			if counts != nil {
				n = counts[i]
			}
			row = append(row, n)
		}
		byMonth.Rows = append(byMonth.Rows, row)
	}
	sheets := []core.Sheet{figs, cats, byMonth, a.ratesSheet(lang, rep)}
	if len(rep.services) > 0 {
		svc := core.Sheet{Name: t("summary.sheet_services"), Header: []string{t("summary.col_service"), t("summary.col_received"), t("summary.col_completed")}}
		for _, s := range rep.services {
			svc.Rows = append(svc.Rows, []any{a.services.ServiceName(lang, s.key), s.received, s.completed})
		}
		sheets = append(sheets, svc)
	}
	return core.XlsxFile(sheets)
}

// ratesSheet is the four rates: each month's, then each building's over
// the period; a cell over nothing says so ("—").
func (a *Summary) ratesSheet(lang string, rep sumReport) core.Sheet {
	t := func(key string, args ...any) string { return a.Cat.T(lang, key, args...) }
	sh := core.Sheet{Name: t("rates.sheet"), Header: []string{t("rates.col_month"), t("rates.col_building"),
		t("rates.response"), t("rates.completion"), t("rates.resolution"), t("rates.satisfaction")}}
	row := func(month, building string, r storage.Rates) []any {
		out := []any{month, building}
		for _, x := range []storage.Rate{r.Response, r.Completion, r.Resolution, r.Satisfaction} {
			out = append(out, a.RateText(lang, x))
		}
		return out
	}
	for i, m := range rep.period.months() {
		sh.Rows = append(sh.Rows, row(m.Format("2006-01"), t("rates.all"), rep.rateMonths[i]))
	}
	for _, b := range a.RateBuildings(rep.rates) {
		sh.Rows = append(sh.Rows, row(rep.period.label, b, rep.rates[b]))
	}
	return sh
}
