package try

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// browser is the page in a real headless Chromium.
type browser struct {
	t     *testing.T
	ctx   context.Context
	shots string // screenshots go here
	n     int
}

// chromium finds a Chromium or Chrome binary, "" if there is none.
func chromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// newBrowser opens the page in a new headless Chromium with a viewport of
// width×height CSS pixels. Screenshots are the test's artefacts (kept with
// go test -artifacts -outputdir DIR), or go to $COURTYARD_TRY_SHOTS.
func newBrowser(t *testing.T, base string, width, height int64) *browser {
	t.Helper()
	path := chromium()
	if path == "" {
		t.Skip("no chromium binary found (apt-get install chromium); the page is not tested in a browser")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path),
		chromedp.NoSandbox, chromedp.WindowSize(int(width), int(height)), chromedp.Flag("lang", "en-US"),
		chromedp.Flag("hide-scrollbars", true))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	// The first run starts the browser; it must not be on a context with a
	// deadline, which would close the browser when it ends.
	if err := chromedp.Run(ctx); err != nil {
		t.Fatalf("starting %s: %v", path, err)
	}
	b := &browser{t: t, ctx: ctx, shots: t.ArtifactDir()}
	if dir := os.Getenv("COURTYARD_TRY_SHOTS"); dir != "" {
		b.shots = dir // to look at them after the test
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() { t.Logf("screenshots in %s", b.shots) })
	b.run(chromedp.EmulateViewport(width, height), chromedp.Navigate(base))
	b.until(`document.querySelectorAll('#persona-list button').length === 8`)
	return b
}

// run runs actions with a deadline and stops the test on failure.
func (b *browser) run(actions ...chromedp.Action) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, wait)
	defer cancel()
	if err := chromedp.Run(ctx, actions...); err != nil {
		b.shot("failed")
		b.t.Fatalf("browser: %v", err)
	}
}

// until waits until a JavaScript expression on the page is true.
func (b *browser) until(expr string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, wait)
	defer cancel()
	if err := chromedp.Run(ctx, chromedp.Poll(expr, nil, chromedp.WithPollingInterval(50*time.Millisecond))); err != nil {
		b.shot("failed")
		var screen string
		chromedp.Run(b.ctx, chromedp.Evaluate(`document.querySelector('.screen').innerText`, &screen))
		b.t.Fatalf("browser: waiting for %s: %v\nthe phone shows:\n%s", expr, err, screen)
	}
}

// js evaluates an expression and returns its value.
func (b *browser) js(expr string, v any) {
	b.t.Helper()
	b.run(chromedp.Evaluate(expr, v))
}

// is evaluates a JavaScript condition now.
func (b *browser) is(expr string) bool {
	b.t.Helper()
	var ok bool
	b.js(expr, &ok)
	return ok
}

func quote(s string) string {
	q, _ := json.Marshal(s)
	return string(q)
}

// shot saves a screenshot of the page as NN-name.png.
func (b *browser) shot(name string) {
	var png []byte
	if err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot(&png)); err != nil {
		b.t.Logf("screenshot %s: %v", name, err)
		return
	}
	b.n++
	p := filepath.Join(b.shots, fmt.Sprintf("%02d-%s.png", b.n, name))
	if err := os.WriteFile(p, png, 0o644); err != nil {
		b.t.Errorf("screenshot: %v", err)
	}
}

// become picks a persona and opens one of their chats. Clicks are made in
// the page, in one step, as the lists are redrawn when anything changes.
func (b *browser) become(id, chat int64) {
	b.t.Helper()
	b.click(fmt.Sprintf(`#persona-list button[data-id="%d"]`, id))
	b.until(fmt.Sprintf(`document.getElementById('chat-list').dataset.for === "%d"`, id))
	b.click(fmt.Sprintf(`#chat-list button[data-chat="%d"]`, chat))
	b.until(fmt.Sprintf(`!document.getElementById('chat-view').classList.contains('hidden') && S.chat === %d && S.me.id === %d`, chat, id))
}

// click waits for an element and clicks it.
func (b *browser) click(sel string) {
	b.t.Helper()
	b.until(fmt.Sprintf(`!!document.querySelector(%s)`, quote(sel)))
	b.js(fmt.Sprintf(`document.querySelector(%s).click()`, quote(sel)), nil)
}

// see waits for a message in the open chat containing every part.
func (b *browser) see(parts ...string) {
	b.t.Helper()
	conds := make([]string, len(parts))
	for i, p := range parts {
		conds[i] = fmt.Sprintf("m.textContent.includes(%s)", quote(p))
	}
	b.until(fmt.Sprintf(`[...document.querySelectorAll('#messages .msg')].some(m => %s)`, strings.Join(conds, " && ")))
}

// press presses the newest inline button with callback data in the open
// chat; data ending in ":" is the start of the button's data.
func (b *browser) press(data string) {
	b.t.Helper()
	sel := quote(fmt.Sprintf(`.kb-btn[data-data=%q]`, data))
	if strings.HasSuffix(data, ":") {
		sel = quote(fmt.Sprintf(`.kb-btn[data-data^=%q]`, data))
	}
	b.until(fmt.Sprintf(`document.querySelectorAll(%s).length > 0`, sel))
	b.js(fmt.Sprintf(`[...document.querySelectorAll(%s)].pop().click()`, sel), nil)
}

// say types a message and sends it.
func (b *browser) say(text string) {
	b.t.Helper()
	b.run(chromedp.SetValue("#text", text, chromedp.ByID), chromedp.Click("#send-btn", chromedp.ByID))
}

// forceReply waits until the composer answers a ForceReply prompt.
func (b *browser) forceReply() {
	b.t.Helper()
	b.until(`!document.getElementById('replying').classList.contains('hidden')`)
}

// reminder is a reminder moving the clock to tomorrow 08:00 brings in the
// demo: who sees it in which chat, a word of it and the start of its
// button's data.
type reminder struct {
	name          string
	persona, chat int64
	text          string
	button        string
}

// tomorrowMorning are the reminders the browser test waits for; a new
// capability with reminders adds its row here.
func tomorrowMorning() []reminder {
	return []reminder{
		{"job", 3001, 3001, "3号楼周边大扫除", "jb:ok:"},
		{"patrol", 3001, 3001, "巡逻即将开始", "pt:way:"},
		{"meeting", 3001, -1001000, "会议提醒", "mt:y:"},
	}
}

// TestBrowserCommunityDay drives the page in Chromium through a day of the
// demo community: a newcomer registers and reports a problem with a photo,
// the leader claims and resolves it, the reporter confirms, staff announce
// to the groups and see who read it, and the clock moves to the next
// morning's reminders.
func TestBrowserCommunityDay(t *testing.T) {
	b := newBrowser(t, playground(t), 1200, 900)
	var banner, people string
	b.js(`document.getElementById('honest').textContent`, &banner)
	b.js(`document.getElementById('persona-list').textContent`, &people)
	if !strings.Contains(banner, "Telegram") || !strings.Contains(people, "楼栋长") || !strings.Contains(people, "Building leader") || !strings.Contains(people, "新邻居") {
		t.Fatalf("banner %q, people %q", banner, people)
	}
	b.shot("start")

	// A newcomer registers with buttons and a ForceReply answer.
	b.become(3004, 3004)
	b.run(chromedp.Click("#menu-btn", chromedp.ByID))
	b.until(`!!document.querySelector('#menu button[data-command="start"]')`)
	b.shot("command-menu")
	b.run(chromedp.Click(`#menu button[data-command="start"]`, chromedp.ByQuery))
	b.press("reg:b:3")
	b.forceReply()
	b.shot("force-reply")
	b.say("601")
	b.see("3 栋 601")
	b.until(`document.querySelector('#messages .msg[data-id="2"]').textContent.includes("已编辑")`)
	b.shot("registered")

	// ... and reports a problem with a photo.
	b.press("menu:report")
	b.press("tk:cat:lighting")
	b.see("照片")
	b.run(chromedp.SetValue("#text", "3号楼二单元楼道的灯坏了", chromedp.ByID), chromedp.Click("#attach-btn", chromedp.ByID),
		chromedp.Click("#send-photo", chromedp.ByID))
	b.until(`[...document.querySelectorAll('#messages .msg.mine img')].some(i => i.complete && i.naturalWidth > 100)`)
	b.see("已附：1 张照片")
	b.press("tk:ph:go")
	b.see("随报告一起：1 张照片。")
	b.press("tk:nm:hide")
	b.see("#6")
	b.shot("reported")

	// The leader claims it from their private chat and resolves it.
	b.become(2003, 2003)
	b.see("#6", "楼道的灯坏了")
	b.press("tk:claim:6")
	b.until(`!!document.querySelector('.kb-btn[data-data="tk:res:6"]')`)
	b.shot("claimed")
	b.press("tk:res:6")
	b.see("做了什么处理")
	b.say("换了新灯泡")

	// The reporter answers "is it fixed?".
	b.become(3004, 3004)
	b.see("换了新灯泡")
	b.press("tk:fb:6:yes")
	b.until(`!document.querySelector('.kb-btn[data-data="tk:fb:6:yes"]')`)
	b.shot("fixed")

	// Staff announce to the groups, pinned, and see who read it. The page
	// speaks English to Emma.
	b.become(1002, 1002)
	b.until(`document.getElementById('honest').textContent.includes("nothing reaches Telegram") && document.getElementById('reset').textContent === "Start over" && document.querySelector('#step-week .long').textContent === "+1 week"`)
	b.say("/announce")
	b.press("fl:announce:o:audience:groups")
	b.see("Send the text of the announcement")
	b.say("Water is off on Saturday 09:00-12:00 in building 3.")
	b.press("fl:announce:o:pin:pin")
	b.press("fl:announce:o:urgent:routine")
	b.press("fl:announce:y:ok")
	b.become(3001, -1001003)
	b.see("Water is off on Saturday")
	b.until(`!document.getElementById('pinned').classList.contains('hidden') && document.querySelector('#messages .msg.is-pinned') !== null`)
	b.press("an:ack:1")
	b.until(`!document.getElementById('toast').classList.contains('hidden')`)
	b.shot("announcement-read")
	b.become(1002, 1002)
	b.say("/announcements")
	b.see("read by 1", "王阿姨")
	b.shot("who-read")

	// The clock moves to tomorrow morning, and the reminders arrive.
	var before string
	b.js(`document.getElementById('clock').textContent`, &before)
	b.run(chromedp.Click("#step-morning", chromedp.ByID))
	b.until(fmt.Sprintf(`document.getElementById('clock').textContent !== %s && document.getElementById('clock').textContent.includes("08:0")`, quote(before)))
	b.until(`/Now Tue 3 Mar, 08:0\d: \d+ messages on the way/.test(document.getElementById('toast').textContent)`)
	b.shot("moved")
	for _, r := range tomorrowMorning() {
		b.become(r.persona, r.chat)
		b.see(r.text)
		b.press(r.button)
		b.shot("reminder-" + r.name)
	}

	// Start over: a new demo, the newcomer is new again.
	b.run(chromedp.Click("#reset", chromedp.ByID))
	b.until(`document.getElementById('clock').textContent.includes("09:0") && S.state.gen === 2`)
	b.until(`document.querySelector('#persona-list button[data-id="3004"]').textContent.includes("新邻居")`)
	b.become(3004, 3004)
	b.until(`document.querySelectorAll('#messages .msg').length === 0`)
	b.shot("started-over")
}
