package summary

import "courtyard/commands/core"

// summaryXLSX is the report as a workbook in lang: the figures, problems by
// category, and problems by category and month.
func (a *Summary) summaryXLSX(lang string, rep sumReport) ([]byte, error) {
	t := func(key string, args ...any) string { return a.Cat.T(lang, key, args...) }
	figs := core.Sheet{Name: t("summary.sheet_figures"), Header: []string{t("summary.col_figure"), t("summary.col_value")}}
	for _, v := range rep.figures {
		var val any = t("summary.not_recorded")
		if v.recorded {
			val = v.value
			if !v.hours {
				val = int64(v.value)
			}
		}
		figs.Rows = append(figs.Rows, []any{t("summary.fig." + v.key), val})
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
	sheets := []core.Sheet{figs, cats, byMonth}
	if len(rep.services) > 0 {
		svc := core.Sheet{Name: t("summary.sheet_services"), Header: []string{t("summary.col_service"), t("summary.col_received"), t("summary.col_completed")}}
		for _, s := range rep.services {
			svc.Rows = append(svc.Rows, []any{a.services.ServiceName(lang, s.key), s.received, s.completed})
		}
		sheets = append(sheets, svc)
	}
	return core.XlsxFile(sheets)
}
