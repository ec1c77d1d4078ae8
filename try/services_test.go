package try

import (
	"strings"
	"testing"
)

// The demo community has the services desk at work: a notice being
// publicised in building 6's group, 王阿姨's booking and Li Wei's
// application, and the desk Emma works from.
func TestDemoServicesDesk(t *testing.T) {
	base := playground(t)
	ev := events(t, base)
	<-ev
	waitChat(t, base, ev, 3003, -1001006, func(m msgView) bool {
		return m.Bot && strings.Contains(m.HTML, "陈** 家庭（1 人，6 栋）") && !strings.Contains(m.HTML, "139")
	})
	post(t, base+"api/send", sendReq{As: 3001, Chat: 3001, Text: "/myservices"})
	waitChat(t, base, ev, 3001, 3001, func(m msgView) bool {
		return m.Bot && strings.Contains(m.HTML, "09:30") && strings.Contains(m.HTML, "最低生活保障")
	})
	post(t, base+"api/send", sendReq{As: 1002, Chat: 1002, Text: "/desk"})
	waitChat(t, base, ev, 1002, 1002, func(m msgView) bool {
		return m.Bot && strings.Contains(m.HTML, "Open applications") && hasData(m, "sv:c:1") && hasData(m, "sv:c:2")
	})
}
