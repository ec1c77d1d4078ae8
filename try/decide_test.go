package try

import (
	"strings"
	"testing"
)

// The demo community has a topic three neighbours support in building 3's
// group, and a poll by household there and in its residents' private
// chats.
func TestDemoHasAProposalAndAPoll(t *testing.T) {
	base := playground(t)
	ev := events(t, base)
	waitChat(t, base, ev, 3001, -1001003, func(m msgView) bool {
		return strings.Contains(m.HTML, "楼道加装扶手") && strings.Contains(m.HTML, "3 人支持") && hasData(m, "pp:s:1")
	})
	waitChat(t, base, ev, 3001, -1001003, func(m msgView) bool {
		return strings.Contains(m.HTML, "楼道灯改成声控灯还是常亮") && hasData(m, "po:v:1:0")
	})
	waitChat(t, base, ev, 3002, 3002, func(m msgView) bool {
		return strings.Contains(m.HTML, "楼道灯改成声控灯还是常亮") && hasData(m, "po:v:1:2")
	})
}
