package core

import (
	"context"
	"reflect"
	"testing"

	"github.com/go-telegram/bot/models"

	"courtyard/storage"
	"courtyard/testkit"
)

var assignMessages = map[string]map[string]string{
	"zh": {"assign.ask": "交给谁？", "assign.who": "人"},
	"en": {"assign.ask": "Who should take it?", "assign.who": "Person"},
}

// building3 are the residents the picker offers, by id from 20001.
var building3 = []struct{ name, user, unit string }{
	{"张三", "", "101"}, {"李四", "", "102"}, {"王五", "", "201"}, {"赵六", "", "202"}, {"钱七", "", "301"},
	{"孙八", "", "302"}, {"周九", "", "401"}, {"吴十", "", "402"}, {"郑明", "", "501"}, {"王芳", "wangfang", "502"},
}

// assignRig offers building 3's residents, then a confirm; a resident of
// building 5 (id 30001) is known but not offered.
func assignRig(t *testing.T, chosen *[]int64) *rig {
	st := testkit.Store(t)
	err := st.Update(context.Background(), func(tx *storage.Tx) error {
		for i, p := range building3 {
			id := int64(20001 + i)
			if err := tx.TouchMember(id, p.name, p.user, "zh", march2); err != nil {
				return err
			}
			if err := tx.Register(id, "3", p.unit, march2); err != nil {
				return err
			}
		}
		if err := tx.TouchMember(30001, "外人", "", "zh", march2); err != nil {
			return err
		}
		return tx.Register(30001, "5", "101", march2)
	})
	if err != nil {
		t.Fatal(err)
	}
	g := newRig(t, st, testkit.NewClock(march2), testCatalog(t, assignMessages), "zh")
	d := &Dialog{Name: "assign", Steps: []Step{
		PersonStep{Name: "who", Label: "assign.who", Ask: Say("assign.ask"),
			People: func(r *Req, _ Values) ([]storage.Member, error) { return r.Tx.Residents("3") }},
		ConfirmStep{Name: "ok", Summary: func(r *Req, v Values) string { return "交给 " + r.a.NameOf(r, v.Int("who")) + "？" }},
	}, Done: func(r *Req, v Values) error {
		*chosen = append(*chosen, v.Int("who"))
		return nil
	}}
	if err := g.a.AddDialog(d); err != nil {
		t.Fatal(err)
	}
	g.a.Register([]Command{{Name: "assign", Rule: Rule{Min: AnyRole, Chats: PrivateOnly, Scope: ScopeOwn},
		Run: func(r *Req) error { return d.Start(r, nil) }}}, nil, nil, Hooks{})
	return g
}

// People come 8 a page; typing narrows the list by name or unit.
func TestPersonPages(t *testing.T) {
	g := assignRig(t, new([]int64))
	got := mustOne(t, g.say("/assign"), "sendMessage")
	if got.Text != "交给谁？\n点名字选择，也可以回复名字或门牌号查找。\n第 1/2 页" ||
		labels(got.Keys) != "张三 李四 | 王五 赵六 | 钱七 孙八 | 周九 吴十 | › | 取消" {
		t.Fatalf("first page: %q %s", got.Text, labels(got.Keys))
	}
	got = mustOne(t, g.tap("›"), "editMessageText")
	if got.Text != "交给谁？\n点名字选择，也可以回复名字或门牌号查找。\n第 2/2 页" || labels(got.Keys) != "郑明 王芳 | ‹ | 取消" {
		t.Fatalf("second page: %q %s", got.Text, labels(got.Keys))
	}
	got = mustOne(t, g.say("王"), "sendMessage")
	if got.Text != "交给谁？\n找到 2 位与“王”相符的人，点名字选择：" || labels(got.Keys) != "王五 王芳 | 显示全部 | 取消" {
		t.Fatalf("search: %q %s", got.Text, labels(got.Keys))
	}
	got = mustOne(t, g.say("3-402"), "sendMessage")
	if labels(got.Keys) != "吴十 | 显示全部 | 取消" || g.flow() != "assign/who" {
		t.Fatalf("a unit narrows to one, to tap: %s, flow %q", labels(got.Keys), g.flow())
	}
	got = mustOne(t, g.say("刘备"), "sendMessage")
	if got.Text != "没有找到与“刘备”相符的人。\n\n交给谁？\n点名字选择，也可以回复名字或门牌号查找。\n第 1/2 页" {
		t.Fatalf("nobody found: %q", got.Text)
	}
	g.say("王")
	got = mustOne(t, g.tap("显示全部"), "editMessageText")
	if labels(got.Keys) != "张三 李四 | 王五 赵六 | 钱七 孙八 | 周九 吴十 | › | 取消" {
		t.Fatalf("show all: %s", labels(got.Keys))
	}
}

// A person is chosen by a tap, an @username, an id, or a reply to one of
// their messages, and only among the people offered.
func TestPersonChosen(t *testing.T) {
	var chosen []int64
	g := assignRig(t, &chosen)
	g.say("/assign")
	if got := mustOne(t, g.say("@WangFang"), "sendMessage"); got.Text != "已选：王芳\n\n交给 王芳？" {
		t.Fatalf("@username: %q", got.Text)
	}
	// The only step to change: straight to it.
	if got := mustOne(t, g.say("不对"), "sendMessage"); got.Text[:len("交给谁？")] != "交给谁？" || g.flow() != "assign/who" {
		t.Fatalf("no at the confirm: %q, flow %q", got.Text, g.flow())
	}
	if got := mustOne(t, g.say("20002"), "sendMessage"); got.Text != "已选：李四\n\n交给 李四？" {
		t.Fatalf("an id: %q", got.Text)
	}
	g.say("修改")
	if got := mustOne(t, g.say("30001"), "sendMessage"); got.Text[:len("没有找到")] != "没有找到" {
		t.Fatalf("an id not offered: %q", got.Text)
	}
	if got := mustOne(t, g.press("fl:assign:k:who:30001"), "answerCallbackQuery"); got.Text != "这个人不在可选的名单里。" {
		t.Fatalf("a forged press: %q", got.Text)
	}
	g.msgID++
	fwd := g.handle(&models.Update{Message: &models.Message{ID: g.msgID, From: &g.user, Chat: models.Chat{ID: 7, Type: models.ChatTypePrivate},
		Text: "明天见", ForwardOrigin: &models.MessageOrigin{Type: models.MessageOriginTypeUser,
			MessageOriginUser: &models.MessageOriginUser{SenderUser: models.User{ID: 30001, FirstName: "外人"}}}}})
	if got := mustOne(t, fwd, "sendMessage"); got.Text[:len("这个人不在可选的名单里。")] != "这个人不在可选的名单里。" {
		t.Fatalf("a forward from someone not offered: %q", got.Text)
	}
	g.msgID++
	reply := g.handle(&models.Update{Message: &models.Message{ID: g.msgID, From: &g.user, Chat: models.Chat{ID: 7, Type: models.ChatTypePrivate},
		Text: "就是他", ReplyToMessage: &models.Message{ID: 3, From: &models.User{ID: 20005, FirstName: "钱七"}}}})
	if got := mustOne(t, reply, "sendMessage"); got.Text != "已选：钱七\n\n交给 钱七？" {
		t.Fatalf("a reply: %q", got.Text)
	}
	g.say("修改")
	out := g.tap("钱七")
	if e := texts(out, "editMessageText"); len(e) != 1 || e[0] != "交给谁？\n已选：钱七" {
		t.Fatalf("a tap: %q", e)
	}
	g.say("ok")
	if !reflect.DeepEqual(chosen, []int64{20005}) {
		t.Fatalf("chosen %v", chosen)
	}
}
