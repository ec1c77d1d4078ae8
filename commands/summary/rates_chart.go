package summary

import (
	"bytes"
	"fmt"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"courtyard/storage"
)

// ratesChart draws the four rates by month as lines, in percent; a month
// where a rate is over nothing has no point.
func (a *Summary) ratesChart(lang string, rep sumReport) ([]byte, error) {
	lang, fonts := a.chartLang(lang)
	p := plot.New()
	if fonts != nil {
		useFonts(p, fonts)
	}
	p.Title.Text = a.Cat.T(lang, "rates.chart_title", rep.period.label)
	months := rep.period.months()
	names := make([]string, len(months))
	for i, m := range months {
		names[i] = m.Format("2006-01")
	}
	for i, k := range []struct {
		key string
		get func(storage.Rates) storage.Rate
	}{
		{"rates.response", func(r storage.Rates) storage.Rate { return r.Response }},
		{"rates.completion", func(r storage.Rates) storage.Rate { return r.Completion }},
		{"rates.resolution", func(r storage.Rates) storage.Rate { return r.Resolution }},
		{"rates.satisfaction", func(r storage.Rates) storage.Rate { return r.Satisfaction }},
	} {
		var pts plotter.XYs
		for j, r := range rep.rateMonths {
			if pct, ok := k.get(r).Percent(); ok {
				pts = append(pts, plotter.XY{X: float64(j), Y: float64(pct)})
			}
		}
		if len(pts) == 0 {
			continue
		}
		line, points, err := plotter.NewLinePoints(pts)
		if err != nil {
			return nil, fmt.Errorf("rates chart: %w", err)
		}
		line.Color, points.Color = chartColor(i), chartColor(i)
		line.Width = vg.Points(2)
		p.Add(line, points)
		p.Legend.Add(a.Cat.T(lang, k.key), line, points)
	}
	p.Legend.Top = true
	p.NominalX(names...)
	p.X.Min, p.X.Max = -0.5, float64(len(months))-0.5
	p.Y.Min, p.Y.Max = 0, 130 // room above 100% for the legend
	wt, err := p.WriterTo(chartW, chartH, "png")
	if err != nil {
		return nil, fmt.Errorf("rates chart: %w", err)
	}
	var buf bytes.Buffer
	if _, err := wt.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("rates chart: %w", err)
	}
	return buf.Bytes(), nil
}
