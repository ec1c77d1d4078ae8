package try

import (
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
)

func TestRenderKeepsOnlySafeFormatting(t *testing.T) {
	e := func(typ models.MessageEntityType, off, n int, url string) models.MessageEntity {
		return models.MessageEntity{Type: typ, Offset: off, Length: n, URL: url}
	}
	for _, c := range []struct {
		plain string
		ents  []models.MessageEntity
		want  string
	}{
		{`<img src=x onerror=alert(1)> & "q"`, nil, `&lt;img src=x onerror=alert(1)&gt; &amp; &#34;q&#34;`},
		{"#6 照明 · 3 栋", []models.MessageEntity{e("bold", 0, 2, "")}, "<b>#6</b> 照明 · 3 栋"},
		{"bold italic", []models.MessageEntity{e("bold", 0, 11, ""), e("italic", 5, 6, "")}, "<b>bold <i>italic</i></b>"},
		{"open it", []models.MessageEntity{e("text_link", 0, 4, "https://t.me/courtyard_test_bot?start=t6")},
			`<a href="https://t.me/courtyard_test_bot?start=t6" target="_blank" rel="noopener noreferrer">open</a> it`},
		{"click", []models.MessageEntity{e("text_link", 0, 5, `javascript:alert("x")`)}, "<span>click</span>"},
		{"😀 x", []models.MessageEntity{e("code", 3, 1, "")}, "😀 <code>x</code>"}, // the emoji is two UTF-16 units
		{"a<b", []models.MessageEntity{e("pre", 0, 3, ""), e("spoiler", 1, 1, "")}, `<pre>a<span class="spoiler">&lt;</span>b</pre>`},
	} {
		if got := render(c.plain, c.ents); got != c.want {
			t.Errorf("render(%q):\n got %s\nwant %s", c.plain, got, c.want)
		}
	}
}

func TestClockMovesAndTellsEarlierMoments(t *testing.T) {
	wall := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	now := func() time.Time { return wall }
	loc := time.FixedZone("CST", 8*3600)
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, loc)
	c := newClock(now, start)
	if !c.Now().Equal(start) {
		t.Fatalf("start: %v", c.Now())
	}
	before := wall
	wall = wall.Add(10 * time.Second)
	d, _ := step("morning", c.Now(), loc)
	c.Advance(d)
	if want := time.Date(2026, 3, 3, 8, 0, 0, 0, loc); !c.Now().Equal(want) {
		t.Errorf("morning: %v, want %v", c.Now(), want)
	}
	if got := c.At(before); !got.Equal(start) {
		t.Errorf("a message before the move: %v, want %v", got, start)
	}
	if got := c.At(wall); !got.Equal(c.Now()) {
		t.Errorf("a message at the move: %v, want %v", got, c.Now())
	}
	for k, want := range map[string]time.Duration{"hour": time.Hour, "day": 24 * time.Hour, "week": 7 * 24 * time.Hour} {
		if d, ok := step(k, c.Now(), loc); !ok || d != want {
			t.Errorf("step %s = %v", k, d)
		}
	}
	if _, ok := step("back", c.Now(), loc); ok {
		t.Error("the clock has a step back")
	}
	c.Advance(-time.Hour)
	if want := time.Date(2026, 3, 3, 8, 0, 0, 0, loc); !c.Now().Equal(want) {
		t.Errorf("the clock went back: %v", c.Now())
	}
}
