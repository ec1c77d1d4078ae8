package try

import (
	"fmt"
	"testing"
)

// onScreen is a JavaScript check that the element sel is wholly inside
// the viewport and not under the chat's sticky head or foot.
func onScreen(sel string) string {
	return fmt.Sprintf(`(() => {
		const r = document.querySelector(%s).getBoundingClientRect();
		const head = document.querySelector('#chat-view .head').getBoundingClientRect();
		const foot = document.querySelector('#chat-view .foot').getBoundingClientRect();
		const top = %s === '#composer' ? 0 : head.bottom, bottom = %s === '#composer' ? innerHeight : foot.top;
		return r.height > 0 && r.top >= top - 1 && r.bottom <= bottom + 1 && r.left >= -1 && r.right <= innerWidth + 1;
	})()`, quote(sel), quote(sel), quote(sel))
}

// overflowing lists the visible elements that reach beyond the viewport's
// width, and the page itself if it scrolls sideways.
const overflowing = `(() => {
	const out = [];
	if (document.scrollingElement.scrollWidth > innerWidth) out.push('page ' + document.scrollingElement.scrollWidth);
	for (const e of document.querySelectorAll('body *')) {
		const r = e.getBoundingClientRect();
		if (r.width === 0 || r.height === 0) continue;
		if (r.left < -1 || r.right > innerWidth + 1) out.push(e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
	}
	return out.join('\n');
})()`

// TestBrowserLayout opens the page at a phone's size and at a desktop's:
// after picking a person, the message box and the last message are on the
// screen and nothing is wider than the screen. On the phone the person is
// a chip that opens the list of people, picking one opens their chat, and
// the page is the one thing that scrolls. In a group, a message the bot
// cannot see leaves no reply bar, and × clears one.
func TestBrowserLayout(t *testing.T) {
	for _, size := range []struct {
		name string
		w, h int64
	}{{"phone", 390, 844}, {"desktop", 1280, 800}} {
		t.Run(size.name, func(t *testing.T) {
			if chromium() == "" {
				t.Skip("no chromium binary found (apt-get install chromium); the page is not tested in a browser")
			}
			base := playground(t)
			ev := events(t, base)
			// Something to read: 王阿姨 asks the bot for help, the building
			// talks in its group, and she asks the bot there too.
			post(t, base+"api/send", sendReq{As: 3001, Chat: 3001, Text: "/start"})
			waitChat(t, base, ev, 3001, 3001, func(m msgView) bool { return m.Bot && len(m.Buttons) > 0 })
			post(t, base+"api/send", sendReq{As: 3002, Chat: -1001003, Text: "Is the water off tomorrow morning?"})
			post(t, base+"api/send", sendReq{As: 3001, Chat: -1001003, Text: "大家好，明天上午九点到十二点停水，记得提前接好水。"})
			post(t, base+"api/send", sendReq{As: 3001, Chat: -1001003, Text: "/help"})
			waitChat(t, base, ev, 3001, -1001003, func(m msgView) bool { return m.Bot })

			b := newBrowser(t, base, size.w, size.h)
			phone := size.w < 720
			if phone {
				b.until(`getComputedStyle(document.getElementById('people')).display === 'none' && document.getElementById('me-chip').offsetWidth > 0`)
				b.click("#me-chip")
				b.until(`document.getElementById('people').offsetHeight > 0 && document.querySelector('.phone').offsetHeight === 0`)
				b.shot("phone-people")
				b.click(`#persona-list button[data-id="3001"]`)
				b.until(`S.me.id === 3001 && S.chat === 3001 && document.getElementById('people').offsetHeight === 0`)
			} else {
				b.become(3001, 3001)
			}
			b.until(`[...document.querySelectorAll('#messages .msg.bot .kb-btn')].length > 0`)
			b.until(onScreen("#composer"))
			b.until(onScreen("#messages .msg:last-child"))
			var over string
			b.js(overflowing, &over)
			if over != "" {
				t.Errorf("wider than the screen:\n%s", over)
			}
			if phone {
				var scrollers string
				b.js(`[...document.querySelectorAll('body *')].filter(e => e.offsetHeight > 0 && /(auto|scroll)/.test(getComputedStyle(e).overflowY) && e.scrollHeight > e.clientHeight).map(e => e.id || e.className).join(' ')`, &scrollers)
				if scrollers != "" {
					t.Errorf("on a phone the page alone scrolls; these scroll too: %s", scrollers)
				}
			}
			b.shot(size.name + "-chat")

			// The group: her own message is one the bot cannot see.
			b.become(3001, -1001003)
			b.see("停水")
			b.until(`[...document.querySelectorAll('#messages .msg.unseen')].length > 0 && S.messages.some(m => m.bot)`)
			b.until(onScreen("#composer"))
			b.until(onScreen("#messages .msg:last-child"))
			if !b.is(`document.getElementById('replying').classList.contains('hidden')`) {
				t.Error("a message the bot cannot see left a reply bar")
			}
			b.js(overflowing, &over)
			if over != "" {
				t.Errorf("wider than the screen in the group:\n%s", over)
			}
			b.shot(size.name + "-group")
			b.click(`#messages .msg.bot .reply-btn`)
			b.until(`!document.getElementById('replying').classList.contains('hidden')`)
			b.click("#cancel-reply")
			b.until(`document.getElementById('replying').classList.contains('hidden')`)
			post(t, base+"api/send", sendReq{As: 3002, Chat: -1001003, Text: "Thanks, noted."})
			b.see("Thanks, noted.")
			if !b.is(`document.getElementById('replying').classList.contains('hidden')`) {
				t.Error("× did not clear the reply bar for good")
			}

			// Back in her chat with the bot, she starts a report with a
			// button, and the question stays in sight above the message box.
			b.become(3001, 3001)
			b.press("menu:report")
			b.until(`document.querySelectorAll('#messages .msg:last-child .kb-btn[data-data^="tk:cat:"]').length > 0`)
			b.until(onScreen("#composer"))
			b.until(onScreen("#messages .msg:last-child"))
			b.shot(size.name + "-report")

			// In English the top bar is one line too.
			b.become(1002, 1002)
			b.until(`document.getElementById('clock-short').textContent.startsWith("Mon ")`)
			if phone && !b.is(`(() => {
				const bar = document.getElementById('banner').getBoundingClientRect();
				return bar.height <= 50 && ['me-chip', 'clock-short', 'step-hour', 'step-morning', 'step-week'].every(id => {
					const r = document.getElementById(id).getBoundingClientRect();
					return r.width > 0 && r.top >= bar.top && r.bottom <= bar.bottom;
				});
			})()`) {
				t.Error("the phone's top bar is more than one line")
			}
			b.js(overflowing, &over)
			if over != "" {
				t.Errorf("wider than the screen in English:\n%s", over)
			}
			b.shot(size.name + "-english")

			// A move of the clock tells how far it has got, as the event
			// stream says, in the reader's language.
			var said string
			b.js(`S.moving = true; showMove({to: "2026-03-03T00:00:00Z", messages: 3}, "2026-03-02T19:10:00Z"); S.moving = false; document.getElementById('toast').textContent`, &said)
			if said != "Moving to Tue 3 Mar, 08:00: Tue 3 Mar, 03:10 … 3 messages so far" {
				t.Errorf("the move's progress reads %q", said)
			}
		})
	}
}
