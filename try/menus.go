package try

import (
	"fmt"

	"courtyard/bot/telegramsim"
)

// command is one entry of a chat's command menu.
type command struct {
	Command     string `json:"command"`
	Description string `json:"description"`
}

// scopeKey names a setMyCommands scope and language.
type scopeKey struct {
	typ        string
	chat, user int64
	lang       string
}

// menuFor resolves, as a Telegram client does, the command menu that
// person user with client language lang sees in chat (a group when group):
// the most specific scope the bot set wins, each scope in the person's
// language before the scope for every language.
func menuFor(calls []telegramsim.Call, user, chat int64, lang string, group bool) []command {
	set := map[scopeKey][]command{}
	for _, c := range calls {
		if c.Status != 200 {
			continue
		}
		k := scopeKey{typ: "default"}
		if sc, ok := c.Params["scope"].(map[string]any); ok {
			k.typ, _ = sc["type"].(string)
			k.chat, k.user = num(sc["chat_id"]), num(sc["user_id"])
		}
		k.lang, _ = c.Params["language_code"].(string)
		if c.Method == "deleteMyCommands" {
			delete(set, k)
			continue
		}
		var cmds []command
		list, _ := c.Params["commands"].([]any)
		for _, v := range list {
			m, _ := v.(map[string]any)
			name, _ := m["command"].(string)
			desc, _ := m["description"].(string)
			cmds = append(cmds, command{name, desc})
		}
		if len(cmds) == 0 {
			delete(set, k)
		} else {
			set[k] = cmds
		}
	}
	order := []scopeKey{{typ: "chat", chat: chat}, {typ: "all_private_chats"}, {typ: "default"}}
	if group {
		order = []scopeKey{{typ: "chat_member", chat: chat, user: user}, {typ: "chat", chat: chat}, {typ: "all_group_chats"}, {typ: "default"}}
	}
	for _, k := range order {
		for _, l := range []string{lang, ""} {
			k.lang = l
			if cmds, ok := set[k]; ok {
				return cmds
			}
		}
	}
	return nil
}

// num reads a JSON number, or a numeric string, as an id.
func num(v any) int64 {
	switch n := v.(type) {
	case float64:
		return int64(n)
	case string:
		var i int64
		fmt.Sscan(n, &i)
		return i
	}
	return 0
}
