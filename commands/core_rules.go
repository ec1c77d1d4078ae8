package commands

import (
	"sort"
	"strings"

	"courtyard/storage"
	"courtyard/telegram"
)

// rule is one row of the permission table (core_table.go): the lowest role
// that may use a command or button action, the chats it may be used in,
// and the one function that decides access to the object it names.
type rule struct {
	min   storage.Role
	chats chats
	scope scope
}

// The roles a rule starts at. anyRole is everyone, registered or not.
const (
	anyRole   = storage.RoleResident
	leaderUp  = storage.RoleLeader
	staffUp   = storage.RoleStaff
	adminOnly = storage.RoleAdmin
)

// chats is a set of kinds of chat.
type chats uint8

// The kinds of chat an update comes from.
const (
	inPrivate  chats = 1 << iota // the person's private chat with the bot
	inLinked                     // a group staff linked to a building or the community
	inUnlinked                   // any other group
)

const (
	privateOnly = inPrivate
	anyChat     = inPrivate | inLinked | inUnlinked
)

// scope names the one function of a capability that decides whether the
// caller may act on the ticket, job, shift, household, team, … that a
// command's arguments or a button's data name. The handler calls it on
// every use: data can be forged. scopeNone: the action names nothing of
// anyone else's; scopeOwn: only the caller's own conversation, membership,
// sign-up or data.
type scope string

const (
	scopeNone            scope = ""
	scopeOwn             scope = "own"
	scopeGrant           scope = "mayGrant"           // people_grant.go
	scopeBuilding        scope = "mayLedger"          // a leader's own buildings
	scopeTicketView      scope = "accessTo"           // tickets_access.go
	scopeTicketWork      scope = "mayClaim"           // tickets_work.go
	scopeTicketManage    scope = "mayManage"          // tickets_work.go
	scopeTicketReporter  scope = "reporter"           // the ticket's reporter only
	scopeTicketFollow    scope = "mayFollow"          // tickets_access.go
	scopeAnnounce        scope = "mayAnnounce"        // announce_send.go, audiences
	scopeRecipient       scope = "recipient"          // a recipient of the announcement
	scopeTeam            scope = "mayManageTeam"      // teams_view.go
	scopeJoin            scope = "joinTeam"           // teams_join.go
	scopeHours           scope = "maySeeHours"        // teams_hours.go
	scopeOrganise        scope = "mayOrganise"        // jobs_perm.go
	scopeJob             scope = "maySeeJob"          // jobs_perm.go
	scopeManageJob       scope = "mayManageJob"       // jobs_perm.go
	scopeNoShows         scope = "mayClearNoShows"    // jobs_perm.go
	scopePatrol          scope = "mayManagePatrol"    // patrol_core.go
	scopeTakeShift       scope = "mayTakeShift"       // patrol_core.go
	scopeShift           scope = "isOnShift"          // patrol_core.go
	scopeRoster          scope = "mayViewRoster"      // patrol_core.go
	scopeHousehold       scope = "mayReadHousehold"   // care_access.go
	scopeVisit           scope = "mayMarkVisit"       // visits_visited.go
	scopeStars           scope = "mayRunStars"        // stars_round.go
	scopeTakePart        scope = "mayTakePart"        // stars_round.go
	scopePledge          scope = "mayPledge"          // pledge_cmd.go, and authorship
	scopeManagePledges   scope = "mayManagePledges"   // pledge_cmd.go
	scopeRatePledge      scope = "mayRatePledge"      // pledge_cmd.go
	scopeSchedule        scope = "mayManageSchedule"  // calendar_manage.go
	scopeManageMeeting   scope = "mayManageMeeting"   // meeting_flow.go
	scopeViewMeeting     scope = "mayViewMeeting"     // meeting_minutes.go
	scopeInvited         scope = "invitedTo"          // meeting_post.go
	scopeMediate         scope = "mayMediate"         // mediation_access.go
	scopeDispute         scope = "mayReadDispute"     // mediation_access.go
	scopeMoveToMediation scope = "mayMoveToMediation" // mediation_access.go
	scopeBlock           scope = "mayBlock"           // privacy_block.go
	scopeAudit           scope = "mayReadAudit"       // privacy_audit.go
)

// verbs are a button family's rules by verb.
type verbs map[string]rule

// buttons is a family of buttons sharing a data prefix and a router.
type buttons struct {
	prefix  string
	run     handler
	refuse  string // catalog key when the role is refused
	private string // catalog key when the chat is refused
	cmd     string // the command named in refuse's text ("%s"), if any
	verbs   verbs
}

// buttonVerb is the first field of data after prefix.
func buttonVerb(prefix, data string) string {
	verb, _, _ := strings.Cut(strings.TrimPrefix(data, prefix), ":")
	return verb
}

// ruleFor is the row of a button family for data; false when it has none.
func (b buttons) ruleFor(data string) (rule, bool) {
	if ru, ok := b.verbs[buttonVerb(b.prefix, data)]; ok {
		return ru, true
	}
	ru, ok := b.verbs["*"]
	return ru, ok
}

// chatKind is the kind of chat r came from.
func (r *req) chatKind() (chats, error) {
	if r.private() {
		return inPrivate, nil
	}
	c, err := r.tx.Chat(r.chat.ID)
	if isNotFound(err) {
		return inUnlinked, nil
	}
	if err != nil {
		return 0, err
	}
	if c.Linked() {
		return inLinked, nil
	}
	return inUnlinked, nil
}

// guard refuses a command to someone whose role is too low, and moves it
// out of a chat its rule does not allow with a deep link.
func (a *App) guard(c command) handler {
	run := c.run
	return func(r *req) error {
		if !r.atLeast(c.rule.min) {
			if c.rule.min.Rank() >= storage.RoleStaff.Rank() && r.private() {
				// A new administrator learns here the id the config needs
				// (in private only: a group need not see it).
				return r.reply(r.t("error.forbidden_id", "/"+c.name, r.me.ID, r.me.ID), nil)
			}
			return r.reply(r.t("error.forbidden", "/"+c.name), nil)
		}
		kind, err := r.chatKind()
		if err != nil {
			return err
		}
		if c.rule.chats&kind == 0 {
			return r.reply(r.t("group.go_private"), a.linkKeyboard(r, groupLinkPayload(r, c.name)))
		}
		return run(r)
	}
}

// buttonGuard checks a button press against its row before the router
// runs: an action without a row, a role too low or a chat not allowed is
// refused with a toast and changes nothing.
func (a *App) buttonGuard(b buttons) handler {
	return func(r *req) error {
		ru, ok := b.ruleFor(r.cb.Data)
		if !ok {
			a.log.Warn("button action without a permission row", "data", r.cb.Data)
			return r.toast(r.t("error.stale_button"))
		}
		if !r.atLeast(ru.min) {
			return r.toast(b.refusal(r, b.refuse, "error.forbidden_button"))
		}
		kind, err := r.chatKind()
		if err != nil {
			return err
		}
		if ru.chats&kind == 0 {
			return r.toast(b.refusal(r, b.private, "error.private_button"))
		}
		return b.run(r)
	}
}

// refusal is the toast for a press the table refuses: key, or def.
func (b buttons) refusal(r *req, key, def string) string {
	if b.cmd != "" && key != "" {
		return stripTags(r.t(key, b.cmd))
	}
	return stripTags(r.t(orKey(key, def)))
}

func orKey(key, def string) string {
	if key == "" {
		return def
	}
	return key
}

// linkKeyboard is one button that opens the private chat with payload.
func (a *App) linkKeyboard(r *req, payload string) telegram.Keyboard {
	return telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{{Text: r.t("group.open_private"), URL: a.deepLink(payload)}}}}
}

// Permission is one row of the permission table as others read it (the
// end-to-end test runs every row).
type Permission struct {
	Action    string // "/report", or a button's prefix and verb: "tk:claim", "lang:*"
	Min       storage.Role
	Chats     []string // of "private", "linked", "unlinked"
	Scope     string   // the function deciding access to the object named, "" none, "own"
	Refuse    string   // a button's refusal for the role: the toast's catalog key
	Private   string   // a button's refusal for the chat: the toast's catalog key
	RefuseArg string   // the argument of both keys, if any
}

// Allows reports whether the table lets role use the action in chat.
func (p Permission) Allows(role storage.Role, chat string) bool {
	if role.Rank() < p.Min.Rank() {
		return false
	}
	for _, c := range p.Chats {
		if c == chat {
			return true
		}
	}
	return false
}

// Permissions lists the permission table: every command, then every
// button action, in table order.
func (a *App) Permissions() []Permission {
	names := func(c chats) []string {
		var out []string
		for _, k := range []struct {
			c chats
			n string
		}{{inPrivate, "private"}, {inLinked, "linked"}, {inUnlinked, "unlinked"}} {
			if c&k.c != 0 {
				out = append(out, k.n)
			}
		}
		return out
	}
	var out []Permission
	for _, c := range a.commandTable() {
		out = append(out, Permission{Action: "/" + c.name, Min: c.rule.min, Chats: names(c.rule.chats), Scope: string(c.rule.scope)})
	}
	for _, b := range a.buttonTable() {
		vs := make([]string, 0, len(b.verbs))
		for v := range b.verbs {
			vs = append(vs, v)
		}
		sort.Strings(vs)
		for _, v := range vs {
			ru := b.verbs[v]
			out = append(out, Permission{Action: b.prefix + v, Min: ru.min, Chats: names(ru.chats), Scope: string(ru.scope),
				Refuse: orKey(b.refuse, "error.forbidden_button"), Private: orKey(b.private, "error.private_button"), RefuseArg: b.cmd})
		}
	}
	return out
}
