package summary

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"sync"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
)

// chartFontPaths are tried, in order, when summary.font is not set.
var chartFontPaths = []string{
	"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
	"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
	"/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
}

// Chart size in points (1/72 in); at the PNG's 96 dpi, 800×450 pixels.
const (
	chartW = 600
	chartH = 337.5
)

// chartFont is the CJK font, read once.
type chartFont struct {
	once  sync.Once
	cache *font.Cache // nil when none was found: labels are in English
	path  string
}

// cjkFonts returns the fonts for Chinese labels, or nil (logged once).
func (a *Summary) cjkFonts() *font.Cache {
	a.chartFont.once.Do(func() {
		paths := chartFontPaths
		if a.Cfg.Summary.Font != "" {
			paths = []string{a.Cfg.Summary.Font}
		}
		for _, p := range paths {
			f, err := loadFont(p)
			if err != nil {
				continue
			}
			a.chartFont.cache = font.NewCache(font.Collection{{Font: font.Font{Typeface: "cjk"}, Face: f}})
			a.chartFont.path = p
			a.Log.Info("summary chart font", "path", p)
			return
		}
		a.Log.Warn("no font with Chinese glyphs found: the summary chart's labels are in English", "tried", paths)
	})
	return a.chartFont.cache
}

// chartLang is the language the chart's labels can be drawn in.
func (a *Summary) chartLang(lang string) (string, *font.Cache) {
	if lang == "en" {
		return "en", nil
	}
	if c := a.cjkFonts(); c != nil {
		return lang, c
	}
	return "en", nil
}

// summaryChart draws problems received by month (groups) and category
// (bars) as a PNG.
func (a *Summary) summaryChart(lang string, rep sumReport) ([]byte, error) {
	lang, fonts := a.chartLang(lang)
	p := plot.New()
	if fonts != nil {
		useFonts(p, fonts)
	}
	p.Title.Text = a.Cat.T(lang, "summary.chart_title", rep.period.label)
	p.Y.Label.Text = a.Cat.T(lang, "summary.chart_y")
	months := rep.period.months()
	names := make([]string, len(months))
	for i, m := range months {
		names[i] = m.Format("2006-01")
	}
	var cats []string
	for _, c := range rep.categories {
		if rep.byMonth[c.key] != nil {
			cats = append(cats, c.key)
		}
	}
	width := vg.Points(min(24, 420/float64(max(1, len(cats)*len(months)))))
	for i, key := range cats {
		vals := make(plotter.Values, len(months))
		for j, n := range rep.byMonth[key] {
			vals[j] = float64(n)
		}
		bars, err := plotter.NewBarChart(vals, width)
		if err != nil {
			return nil, fmt.Errorf("summary chart: %w", err)
		}
		bars.LineStyle.Width = 0
		bars.Color = chartColor(i)
		bars.Offset = width * vg.Length(float64(i)-float64(len(cats)-1)/2)
		p.Add(bars)
		p.Legend.Add(a.CatLabel(lang, key), bars)
	}
	p.Legend.Top = true
	p.NominalX(names...)
	// Room for the outer bars and, above the highest, for the legend.
	p.X.Min, p.X.Max = -0.5, float64(len(months))-0.5
	p.Y.Min = 0
	p.Y.Max = math.Ceil(max(1, p.Y.Max) * (1 + 0.1*float64(len(cats)+1)))
	fontPath := ""
	if fonts != nil {
		fontPath = a.chartFont.path
	}
	a.Log.Debug("summary chart", "lang", lang, "font", fontPath, "title", p.Title.Text)
	wt, err := p.WriterTo(chartW, chartH, "png")
	if err != nil {
		return nil, fmt.Errorf("summary chart: %w", err)
	}
	var buf bytes.Buffer
	if _, err := wt.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("summary chart: %w", err)
	}
	return buf.Bytes(), nil
}

// useFonts draws every label of p with fonts.
func useFonts(p *plot.Plot, fonts *font.Cache) {
	h := text.Plain{Fonts: fonts}
	p.TextHandler = h
	for _, s := range []*text.Style{&p.Title.TextStyle, &p.X.Label.TextStyle, &p.Y.Label.TextStyle,
		&p.X.Tick.Label, &p.Y.Tick.Label, &p.Legend.TextStyle} {
		s.Handler = h
		s.Font = font.Font{Typeface: "cjk", Size: s.Font.Size}
	}
}

// chartColor is the i-th colour of a palette that tells bars apart.
func chartColor(i int) color.Color {
	pal := []color.RGBA{
		{0x1f, 0x77, 0xb4, 0xff}, {0xff, 0x7f, 0x0e, 0xff}, {0x2c, 0xa0, 0x2c, 0xff}, {0xd6, 0x27, 0x28, 0xff},
		{0x94, 0x67, 0xbd, 0xff}, {0x8c, 0x56, 0x4b, 0xff}, {0xe3, 0x77, 0xc2, 0xff}, {0x7f, 0x7f, 0x7f, 0xff},
		{0xbc, 0xbd, 0x22, 0xff}, {0x17, 0xbe, 0xcf, 0xff},
	}
	return pal[i%len(pal)]
}
