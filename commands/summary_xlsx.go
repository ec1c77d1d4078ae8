package commands

// summaryXLSX is the report as a workbook in lang: the figures, problems by
// category, and problems by category and month.
func (a *App) summaryXLSX(lang string, rep sumReport) ([]byte, error) {
	t := func(key string, args ...any) string { return a.cat.T(lang, key, args...) }
	figs := sheet{name: t("summary.sheet_figures"), header: []string{t("summary.col_figure"), t("summary.col_value")}}
	for _, v := range rep.figures {
		var val any = t("summary.not_recorded")
		if v.recorded {
			val = v.value
			if !v.hours {
				val = int64(v.value)
			}
		}
		figs.rows = append(figs.rows, []any{t("summary.fig." + v.key), val})
	}
	cats := sheet{name: t("summary.sheet_categories"), header: []string{t("summary.col_category"), t("summary.col_received"), t("summary.col_solved")}}
	for _, c := range rep.categories {
		cats.rows = append(cats.rows, []any{a.catLabel(lang, c.key), c.received, c.solved})
	}
	months := rep.period.months()
	byMonth := sheet{name: t("summary.sheet_months"), header: []string{t("summary.col_category")}}
	for _, m := range months {
		byMonth.header = append(byMonth.header, m.Format("2006-01"))
	}
	for _, c := range rep.categories {
		row := []any{a.catLabel(lang, c.key)}
		counts := rep.byMonth[c.key]
		for i := range months {
			n := 0
			if counts != nil {
				n = counts[i]
			}
			row = append(row, n)
		}
		byMonth.rows = append(byMonth.rows, row)
	}
	return xlsxFile([]sheet{figs, cats, byMonth})
}
