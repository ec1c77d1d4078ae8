package app

import (
	"reflect"
	"testing"

	"courtyard/storage"
)

// A newcomer types the building instead of pressing it, goes back, types
// something else, and cancels by typing 取消: nothing is registered; then
// registers by typing.
func TestRegisterFlowTypedChinese(t *testing.T) {
	h := newHarness(t, nil)
	u := h.user(2101, "陈", "zh")
	h.say(u, "/start")
	ask := "请问您住在哪一栋楼？点下面的按钮选择。"
	h.fsWant(u.ID, ask, "欢迎来到南门社区！\n"+ask, "1 2 3 E12")
	h.say(u, "三号楼")
	unit := h.fsWant(u.ID, "门牌号", "3 栋。请回复您的门牌号，例如 502。", "")
	if !unit.ForceReply {
		t.Errorf("the unit is not asked as a reply")
	}
	h.say(u, "返回")
	h.fsWant(u.ID, ask, ask, "1 2 3 E12")
	h.say(u, "随便")
	h.fsWant(u.ID, "请先点按钮", "请先点按钮选择您住的楼栋。", "1 2 3 E12")
	h.say(u, "3栋")
	h.fsWant(u.ID, "门牌号", "3 栋。请回复您的门牌号，例如 502。", "")
	h.say(u, "取消")
	h.fsWant(u.ID, "已取消", "已取消。需要时再找我。", "")
	h.db(func(tx *storage.Tx) error {
		m, err := tx.Member(u.ID)
		if m.Registered() {
			t.Errorf("a cancelled registration registered: %+v", m)
		}
		if _, ferr := tx.Flow(u.ID); ferr == nil {
			t.Errorf("the registration goes on after 取消")
		}
		return err
	})
	h.say(u, "/start")
	h.expect(u.ID, ask)
	h.say(u, "3")
	h.fsWant(u.ID, "门牌号", "3 栋。请回复您的门牌号，例如 502。", "")
	h.say(u, "502")
	h.expect(u.ID, "登记好了：3 栋 502。")
}

// In English: "building e12" is understood, back goes to the building,
// a press still works, cancel ends it.
func TestRegisterFlowTypedEnglish(t *testing.T) {
	h := newHarness(t, nil)
	u := h.user(2102, "Dan", "en")
	h.say(u, "/start")
	ask := "Which building do you live in? Tap a button below."
	h.fsWant(u.ID, ask, "Welcome to 南门社区!\n"+ask, "1 2 3 E12")
	h.say(u, "building e12")
	h.fsWant(u.ID, "Which unit", "Building E12. Which unit? Reply with the number, e.g. 502.", "")
	h.say(u, "back")
	m := h.fsWant(u.ID, ask, ask, "1 2 3 E12")
	h.tg.Press(u, m, "reg:b:2")
	h.fsWant(u.ID, "Which unit", "Building 2. Which unit? Reply with the number, e.g. 502.", "")
	h.say(u, "cancel")
	h.fsWant(u.ID, "Cancelled", "Cancelled. I am here when you need me.", "")
	h.db(func(tx *storage.Tx) error {
		m, err := tx.Member(u.ID)
		if m.Registered() {
			t.Errorf("a cancelled registration registered: %+v", m)
		}
		return err
	})
}

// An administrator gives a role by buttons: the person among the
// residents by building, the role (a word not understood asks again), the
// buildings by toggles; the buildings changed at the confirm.
func TestGrantFlowEnglish(t *testing.T) {
	c := newStarCast(t, nil)
	c.say(c.admin, "/grant")
	ask := "Whose role would you like to set?"
	people := "赵 · 1-202 林 · 3-101 · building leader | Li · 3-301 王阿姨 · 3-502 | Cancel"
	m := c.fsWant(c.admin.ID, ask, ask+"\nTap a name, or reply with a name or unit to search.", people)
	c.tg.Press(c.admin, m, "fl:grant:k:who:2001")
	role := "Which role for 王阿姨? (Now: resident)"
	roles := "resident | building leader | community staff | Back Cancel"
	c.fsWant(c.admin.ID, role, role, roles)
	c.say(c.admin, "boss")
	c.fsWant(c.admin.ID, role, "Please tap one of the buttons below, or reply with the words on it.\n\n"+role, roles)
	c.say(c.admin, "leader")
	which := "Which buildings will 王阿姨 lead?"
	m = c.fsWant(c.admin.ID, which, "Chosen: building leader\n\n"+which+
		"\nTap to pick or unpick, as many as you need, then Confirm. You can also reply with them, e.g. \"3 5\".", "1 2 | 3 E12 | Confirm | Back Cancel")
	c.tg.Press(c.admin, m, "fl:grant:t:buildings:3")
	m = c.fsWant(c.admin.ID, "Picked", which+"\nPicked: 3. Tap Confirm when done.", "1 2 | ✓ 3 E12 | Confirm | Back Cancel")
	c.tg.Press(c.admin, m, "fl:grant:t:buildings:E12")
	m = c.fsWant(c.admin.ID, "Picked", which+"\nPicked: 3, E12. Tap Confirm when done.", "1 2 | ✓ 3 ✓ E12 | Confirm | Back Cancel")
	c.tg.Press(c.admin, m, "fl:grant:d:buildings")
	m = c.fsWant(c.admin.ID, "Make", "Make 王阿姨 building leader (buildings 3, E12). Confirm?", "Confirm Change Cancel")
	c.tg.Press(c.admin, m, "fl:grant:c:ok")
	m = c.fsWant(c.admin.ID, "What would you like", "What would you like to change?", "Person | Role | Buildings | Back Cancel")
	c.tg.Press(c.admin, m, "fl:grant:w:ok:buildings")
	c.fsWant(c.admin.ID, "Picked", which+"\nPicked: 3, E12. Tap Confirm when done.", "1 2 | ✓ 3 ✓ E12 | Confirm | Back Cancel")
	c.say(c.admin, "3")
	c.fsWant(c.admin.ID, "Make", "Chosen: 3\n\nMake 王阿姨 building leader (building 3). Confirm?", "Confirm Change Cancel")
	c.say(c.admin, "yes")
	c.fsWant(c.admin.ID, "is now", "王阿姨 is now building leader (building 3).", "")
	c.expect(c.wang.ID, "您的身份已更新为：楼栋长（3 栋）")
	c.db(func(tx *storage.Tx) error {
		m, err := tx.Member(c.wang.ID)
		if m.Role != storage.RoleLeader || !reflect.DeepEqual(m.Leads, []string{"3"}) {
			t.Errorf("王阿姨 after the grant: %s %v", m.Role, m.Leads)
		}
		return err
	})
}

// Staff in Chinese: staff and administrators are not offered, a unit
// finds the person, the role and the buildings are typed, 取消 ends it
// and nothing changes.
func TestGrantFlowChinese(t *testing.T) {
	c := newStarCast(t, nil)
	c.say(c.admin, "/grant 2003 staff")
	c.expect(c.admin.ID, "赵 is now community staff")
	c.say(c.zhao, "/grant")
	ask := "要设置谁的身份？"
	c.fsWant(c.zhao.ID, ask, ask+"\n点名字选择，也可以回复名字或门牌号查找。", "林 · 3-101 · 楼栋长 Li · 3-301 | 王阿姨 · 3-502 | 取消")
	c.say(c.zhao, "502")
	m := c.fsWant(c.zhao.ID, ask, ask+"\n找到 1 位与“502”相符的人，点名字选择：", "王阿姨 · 3-502 | 显示全部 | 取消")
	c.tg.Press(c.zhao, m, "fl:grant:k:who:2001")
	role := "把 王阿姨 设为什么身份？（现在是居民）"
	c.fsWant(c.zhao.ID, role, role, "居民 楼栋长 | 返回 取消")
	c.say(c.zhao, "随便")
	c.fsWant(c.zhao.ID, role, "请点下面的一个按钮，也可以直接回复按钮上的字。\n\n"+role, "居民 楼栋长 | 返回 取消")
	c.say(c.zhao, "楼长")
	which := "王阿姨 负责哪些楼栋？"
	c.fsWant(c.zhao.ID, which, "已选：楼栋长\n\n"+which+"\n点按钮选上或取消，可以选几个；选好后点“确定”。也可以直接回复，例如“3 5”。", "1 2 | 3 E12 | 确定 | 返回 取消")
	c.say(c.zhao, "3号楼、E12栋")
	c.fsWant(c.zhao.ID, "确定吗", "已选：3、E12\n\n把 王阿姨 设为楼栋长（3、E12 栋）。确定吗？", "确定 修改 取消")
	c.say(c.zhao, "取消")
	c.fsWant(c.zhao.ID, "已取消", "已取消。需要时再找我。", "-")
	c.db(func(tx *storage.Tx) error {
		m, err := tx.Member(c.wang.ID)
		if m.Role != storage.RoleResident && m.Role != "" {
			t.Errorf("a cancelled grant changed 王阿姨: %s", m.Role)
		}
		return err
	})
	// The command with its words works as before.
	c.say(c.zhao, "/grant 2001 leader 3")
	c.expect(c.zhao.ID, "已把 王阿姨 设为楼栋长（3 栋）。")
}
